using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.GitOps;
using CertFunctions.Core.Kubernetes.Routing;
using CertFunctions.Core.Tests.Kubernetes.Support;
using k8s.Models;

namespace CertFunctions.Core.Tests.Kubernetes.GitOps;

/// <summary>What a GitOps-managed Ingress asks for: routing through a solver Ingress, no spec.tls write.</summary>
public sealed class GitOpsSpecTests
{
    private static readonly CertificateRef Web = new("default", "apps", "web");
    private static readonly ChallengeRoutingOptions InPlaceDefault = new() { Routing = RoutingStrategy.InPlace };

    [Fact]
    public void A_GitOps_managed_Ingress_is_routed_through_a_solver_Ingress_even_when_the_app_default_is_in_place()
    {
        var spec = IngressCertificateSpecBuilder.Build(Web, Flux(), InPlaceDefault);

        Assert.Equal(RoutingStrategy.SolverIngress, spec.Routing);
        Assert.Equal(GitOpsController.Flux, spec.GitOps!.Controller);
        Assert.False(spec.WritesTls);
        Assert.Null(spec.InPlaceRefused);
    }

    [Fact]
    public void An_explicit_in_place_annotation_on_a_GitOps_managed_Ingress_is_refused_with_the_reason_and_the_way_to_force_it()
    {
        var spec = IngressCertificateSpecBuilder.Build(Web, Flux(new() { ["certfunctions.io/routing"] = "in-place" }), InPlaceDefault);

        Assert.Equal(RoutingStrategy.SolverIngress, spec.Routing);
        Assert.Equal(
            "certfunctions.io/routing: in-place is not followed: Ingress 'apps/web' is managed by Flux (label kustomize.toolkit.fluxcd.io/name), " +
            "which puts spec.rules back to what Git says and would remove the challenge path while the CA validates; the challenge goes through " +
            "a solver Ingress instead. To edit this Ingress in place anyway, add certfunctions.io/force-in-place: \"true\".",
            spec.InPlaceRefused);
    }

    [Fact]
    public void Force_in_place_keeps_in_place_routing_on_a_GitOps_managed_Ingress_but_still_leaves_spec_tls_to_Git()
    {
        var spec = IngressCertificateSpecBuilder.Build(Web, Flux(new() { ["certfunctions.io/routing"] = "in-place", ["certfunctions.io/force-in-place"] = "true" }), InPlaceDefault);

        Assert.Equal(RoutingStrategy.InPlace, spec.Routing);
        Assert.Null(spec.InPlaceRefused);
        Assert.False(spec.WritesTls);
    }

    [Fact]
    public void An_Ingress_not_managed_by_GitOps_keeps_todays_behaviour()
    {
        var spec = IngressCertificateSpecBuilder.Build(Web, Ingresses.Create(annotations: new Dictionary<string, string> { ["certfunctions.io/routing"] = "in-place" }), InPlaceDefault);

        Assert.Equal(RoutingStrategy.InPlace, spec.Routing);
        Assert.Null(spec.GitOps);
        Assert.True(spec.WritesTls);
    }

    [Fact]
    public void Tls_listed_says_whether_spec_tls_already_names_the_Secret_for_exactly_the_hosts()
    {
        var listed = Flux(tls: [new V1IngressTLS { Hosts = ["www.example.com"], SecretName = "web-tls" }]);
        var otherHosts = Flux(tls: [new V1IngressTLS { Hosts = ["old.example.com"], SecretName = "web-tls" }]);

        Assert.True(IngressCertificateSpecBuilder.Build(Web, listed, InPlaceDefault).TlsListed);
        Assert.False(IngressCertificateSpecBuilder.Build(Web, otherHosts, InPlaceDefault).TlsListed);
        Assert.False(IngressCertificateSpecBuilder.Build(Web, Flux(), InPlaceDefault).TlsListed);
    }

    [Theory]
    [InlineData("certfunctions.io/force-in-place")]
    [InlineData("certfunctions.io/gitops")]
    public void A_GitOps_annotation_that_is_not_true_or_false_is_an_error(string annotation)
    {
        var ex = Assert.Throws<InvalidIngressConfigurationException>(() =>
            IngressCertificateSpecBuilder.Build(Web, Ingresses.Create(annotations: new Dictionary<string, string> { [annotation] = "yes" }), InPlaceDefault));

        Assert.Contains($"{annotation}: \"yes\" is not \"true\" or \"false\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_event_text_gives_the_exact_yaml_to_add_in_Git()
    {
        var message = TlsReferenceMessage.For(new GitOpsManagement(GitOpsController.ArgoCd, "label app.kubernetes.io/instance"), ["a.example.com", "b.example.com"], "web-tls");

        Assert.EndsWith("Add this to the Ingress in Git:\nspec:\n  tls:\n  - hosts:\n    - a.example.com\n    - b.example.com\n    secretName: web-tls", message, StringComparison.Ordinal);
        Assert.StartsWith("The certificate is in Secret web-tls, but spec.tls does not list it, and this Ingress is managed by Argo CD (label app.kubernetes.io/instance)", message, StringComparison.Ordinal);
    }

    private static V1Ingress Flux(Dictionary<string, string>? annotations = null, IEnumerable<V1IngressTLS>? tls = null)
    {
        var ingress = Ingresses.Create(annotations: annotations, tls: tls);
        ingress.Metadata.Labels = new Dictionary<string, string> { ["kustomize.toolkit.fluxcd.io/name"] = "apps" };
        return ingress;
    }
}
