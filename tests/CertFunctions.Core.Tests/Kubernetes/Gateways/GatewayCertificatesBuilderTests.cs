using System.Text.Json.Nodes;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Gateways;
using CertFunctions.Core.Tests.Kubernetes.Support;

namespace CertFunctions.Core.Tests.Kubernetes.Gateways;

public sealed class GatewayCertificatesBuilderTests
{
    private static readonly CertificateRef Web = CertificateRef.ForGateway("prod", "shop", "web");

    [Fact]
    public void Each_https_terminate_listener_gets_its_hostname_in_the_secret_its_first_certificate_ref_names()
    {
        var gateway = GatewayObjects.Create(
            GatewayObjects.Http("http"),
            GatewayObjects.HttpsWithRefs("www", "www.example.com", "www-tls", "backup-tls"),
            GatewayObjects.Https("api", "API.example.com", "api-tls"));

        var result = GatewayCertificatesBuilder.Build(Web, gateway, ReferenceGrants.None);

        Assert.Empty(result.Problems);
        Assert.True(result.OptedIn);
        Assert.Collection(
            result.Certificates,
            c => Assert.Equal("shop/www-tls: www.example.com (www)", Describe(c)),
            c => Assert.Equal("shop/api-tls: api.example.com (api)", Describe(c)));
        Assert.Equal(3, result.Listeners.Count);
        Assert.Equal("7", result.ResourceVersion);
    }

    [Fact]
    public void Listeners_sharing_a_secret_share_one_certificate_with_all_their_hostnames()
    {
        var gateway = GatewayObjects.Create(
            GatewayObjects.Https("a", "a.example.com", "shared-tls"),
            GatewayObjects.Https("b", "b.example.com", "shared-tls"),
            GatewayObjects.Https("a-8443", "a.example.com", "shared-tls", port: 8443));

        var certificate = Assert.Single(GatewayCertificatesBuilder.Build(Web, gateway, ReferenceGrants.None).Certificates);

        Assert.Equal(["a.example.com", "b.example.com"], certificate.Hosts);
        Assert.Equal(["a", "b", "a-8443"], certificate.Listeners);
    }

    [Fact]
    public void Listeners_http01_cannot_serve_are_reported_with_a_reason_and_never_skipped_silently()
    {
        var noRefs = GatewayObjects.HttpsWithRefs("norefs", "norefs.example.com");
        var gateway = GatewayObjects.Create(
            GatewayObjects.Https("nohost", null, "a-tls"),
            GatewayObjects.Https("wild", "*.example.com", "b-tls"),
            GatewayObjects.Https("ip", "10.0.0.1", "c-tls"),
            noRefs,
            GatewayObjects.Https("gateway-ref", "ref.example.com", "d-tls", kind: "ConfigMap"),
            GatewayObjects.Https("fine", "fine.example.com", "e-tls"));

        var result = GatewayCertificatesBuilder.Build(Web, gateway, ReferenceGrants.None);

        Assert.Equal(
            [
                ("nohost", ListenerProblemReasons.NoHostname),
                ("wild", ListenerProblemReasons.Wildcard),
                ("ip", ListenerProblemReasons.InvalidHostname),
                ("norefs", ListenerProblemReasons.NoCertificateRef),
                ("gateway-ref", ListenerProblemReasons.UnsupportedCertificateRef),
            ],
            result.Problems.Select(p => (p.Listener, p.Reason)));
        Assert.All(result.Problems, p => Assert.Contains($"'{p.Listener}'", p.Message, StringComparison.Ordinal));
        Assert.Equal("e-tls", Assert.Single(result.Certificates).SecretName);
    }

    [Fact]
    public void Passthrough_and_plain_http_listeners_ask_for_nothing()
    {
        var passthrough = GatewayObjects.Https("pass", "pass.example.com", "pass-tls");
        passthrough["tls"]!["mode"] = "Passthrough";
        var gateway = GatewayObjects.Create(GatewayObjects.Http("http", "www.example.com"), passthrough);

        var result = GatewayCertificatesBuilder.Build(Web, gateway, ReferenceGrants.None);

        Assert.Empty(result.Certificates);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void A_secret_in_another_namespace_needs_a_reference_grant_from_this_gateway_namespace()
    {
        var gateway = GatewayObjects.Create(GatewayObjects.Https("www", "www.example.com", "www-tls", secretNamespace: "certs"));
        var forOthers = GatewayObjects.Grant("certs", fromNamespace: "other", secret: null);
        var forAnotherSecret = GatewayObjects.Grant("certs", fromNamespace: "shop", secret: "api-tls");
        var inWrongNamespace = GatewayObjects.Grant("shop", fromNamespace: "shop", secret: null);

        var refused = GatewayCertificatesBuilder.Build(Web, gateway, ReferenceGrants.From([forOthers, forAnotherSecret, inWrongNamespace]));
        var named = GatewayCertificatesBuilder.Build(Web, gateway, ReferenceGrants.From([GatewayObjects.Grant("certs", fromNamespace: "shop", secret: "www-tls")]));
        var whole = GatewayCertificatesBuilder.Build(Web, gateway, ReferenceGrants.From([GatewayObjects.Grant("certs", fromNamespace: "shop", secret: null)]));

        var problem = Assert.Single(refused.Problems);
        Assert.Equal(ListenerProblemReasons.RefNotPermitted, problem.Reason);
        Assert.Contains("certs/www-tls", problem.Message, StringComparison.Ordinal);
        Assert.Empty(refused.Certificates);
        Assert.Equal(("certs", "www-tls"), (Assert.Single(named.Certificates).SecretNamespace, named.Certificates[0].SecretName));
        Assert.Single(whole.Certificates);
    }

    [Fact]
    public void More_hostnames_on_one_secret_than_a_certificate_holds_are_reported_for_every_listener_sharing_it()
    {
        var listeners = Enumerable.Range(0, 101).Select(i => GatewayObjects.Https($"l{i}", $"h{i}.example.com", "big-tls")).ToArray();

        var result = GatewayCertificatesBuilder.Build(Web, GatewayObjects.Create(listeners), ReferenceGrants.None);

        Assert.Empty(result.Certificates);
        Assert.Equal(101, result.Problems.Count);
        Assert.All(result.Problems, p => Assert.Equal(ListenerProblemReasons.TooManyNames, p.Reason));
    }

    [Fact]
    public void A_gateway_without_the_opt_in_annotation_is_not_opted_in()
    {
        var gateway = GatewayObjects.Create(GatewayObjects.Https("www", "www.example.com", "www-tls"));
        gateway["metadata"]!["annotations"] = new JsonObject { ["certfunctions.io/enabled"] = "false" };

        Assert.False(GatewayCertificatesBuilder.Build(Web, gateway, ReferenceGrants.None).OptedIn);
    }

    private static string Describe(GatewayCertificateSpec certificate) =>
        $"{certificate.SecretNamespace}/{certificate.SecretName}: {string.Join(",", certificate.Hosts)} ({string.Join(",", certificate.Listeners)})";
}
