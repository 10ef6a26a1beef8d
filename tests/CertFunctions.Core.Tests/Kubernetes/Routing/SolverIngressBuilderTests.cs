using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Routing;

namespace CertFunctions.Core.Tests.Kubernetes.Routing;

public sealed class SolverIngressBuilderTests
{
    private static readonly CertificateRef Web = new("default", "apps", "web");

    [Fact]
    public void Solver_ingress_has_one_rule_per_host_one_path_per_token_and_our_labels()
    {
        var ingress = SolverIngressBuilder.Build(
            Web, ["a.example.com", "b.example.com"], ["t1", "t2"], "certfunctions-responder", 443, ChallengePathType.ImplementationSpecific,
            "nginx", null, SolverPresetAnnotations.For(SolverPreset.IngressNginx, "myapp.azurewebsites.net", 443));

        Assert.Equal(SolverIngressBuilder.NameFor(Web), ingress.Metadata.Name);
        Assert.StartsWith("web-acme-solver-", ingress.Metadata.Name);
        Assert.Equal("nginx", ingress.Spec.IngressClassName);
        Assert.Equal(["a.example.com", "b.example.com"], ingress.Spec.Rules.Select(r => r.Host));
        Assert.All(ingress.Spec.Rules, r => Assert.Equal(["/.well-known/acme-challenge/t1", "/.well-known/acme-challenge/t2"], r.Http.Paths.Select(p => p.Path)));
        Assert.All(ingress.Spec.Rules.SelectMany(r => r.Http.Paths), p => Assert.Equal("ImplementationSpecific", p.PathType));
        Assert.Equal("certfunctions", ingress.Metadata.Labels["app.kubernetes.io/managed-by"]);
        Assert.Equal("web", ingress.Metadata.Labels["certfunctions.io/ingress"]);
        Assert.Equal("true", ingress.Metadata.Labels["certfunctions.io/challenge"]);
        Assert.Equal("myapp.azurewebsites.net", ingress.Metadata.Annotations["nginx.ingress.kubernetes.io/upstream-vhost"]);
        Assert.Equal("HTTPS", ingress.Metadata.Annotations["nginx.ingress.kubernetes.io/backend-protocol"]);
    }

    [Fact]
    public void Legacy_class_annotation_is_copied_when_no_class_name_is_set()
    {
        var ingress = SolverIngressBuilder.Build(Web, ["a.example.com"], ["t"], "r", 80, ChallengePathType.Exact, null, "nginx", new Dictionary<string, string>());

        Assert.Null(ingress.Spec.IngressClassName);
        Assert.Equal("nginx", ingress.Metadata.Annotations["kubernetes.io/ingress.class"]);
        Assert.Equal("Exact", ingress.Spec.Rules[0].Http.Paths[0].PathType);
    }

    [Fact]
    public void Presets_set_their_controller_annotations()
    {
        var agic = SolverPresetAnnotations.For(SolverPreset.AzureApplicationGateway, "myapp.azurewebsites.net", 80);
        var plain = SolverPresetAnnotations.For(SolverPreset.Plain, "myapp.azurewebsites.net", 443);
        var nginxInCluster = SolverPresetAnnotations.For(SolverPreset.IngressNginx, null, 80);

        Assert.Equal("myapp.azurewebsites.net", agic["appgw.ingress.kubernetes.io/backend-hostname"]);
        Assert.Equal("http", agic["appgw.ingress.kubernetes.io/backend-protocol"]);
        Assert.Equal("false", agic["appgw.ingress.kubernetes.io/ssl-redirect"]);
        Assert.Empty(plain);
        Assert.False(nginxInCluster.ContainsKey("nginx.ingress.kubernetes.io/upstream-vhost"));
    }

    [Fact]
    public void Ingress_nginx_over_https_sends_the_responder_host_as_sni_with_the_trust_secret_it_requires()
    {
        var https = SolverPresetAnnotations.For(SolverPreset.IngressNginx, "myapp.azurewebsites.net", 443, "shop/certfunctions-responder-ca");
        var http = SolverPresetAnnotations.For(SolverPreset.IngressNginx, "myapp.azurewebsites.net", 80, "shop/certfunctions-responder-ca");

        Assert.Equal("HTTPS", https["nginx.ingress.kubernetes.io/backend-protocol"]);
        Assert.Equal("on", https["nginx.ingress.kubernetes.io/proxy-ssl-server-name"]);
        Assert.Equal("myapp.azurewebsites.net", https["nginx.ingress.kubernetes.io/proxy-ssl-name"]);
        Assert.Equal("myapp.azurewebsites.net", https["nginx.ingress.kubernetes.io/upstream-vhost"]);

        // ingress-nginx ignores the two above without proxy-ssl-secret; with it, the responder is verified (leaf, issuer, root).
        Assert.Equal("shop/certfunctions-responder-ca", https["nginx.ingress.kubernetes.io/proxy-ssl-secret"]);
        Assert.Equal("on", https["nginx.ingress.kubernetes.io/proxy-ssl-verify"]);
        Assert.Equal("3", https["nginx.ingress.kubernetes.io/proxy-ssl-verify-depth"]);

        // Plain HTTP has no handshake to carry a name.
        Assert.Equal("HTTP", http["nginx.ingress.kubernetes.io/backend-protocol"]);
        Assert.False(http.ContainsKey("nginx.ingress.kubernetes.io/proxy-ssl-server-name"));
        Assert.False(http.ContainsKey("nginx.ingress.kubernetes.io/proxy-ssl-name"));
        Assert.False(http.ContainsKey("nginx.ingress.kubernetes.io/proxy-ssl-secret"));
    }

    [Fact]
    public void Selector_finds_the_challenge_objects_of_one_ingress()
    {
        Assert.Equal(
            "app.kubernetes.io/managed-by=certfunctions,certfunctions.io/ingress=web,certfunctions.io/challenge=true",
            SolverIngressBuilder.ChallengeSelector(Web));
    }
}
