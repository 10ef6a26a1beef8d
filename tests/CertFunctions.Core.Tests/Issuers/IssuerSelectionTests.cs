using CertFunctions.Core.Acme;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Issuers;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Routing;
using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Core.Renewal;
using CertFunctions.Core.Tests.Kubernetes.Support;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Tests.Issuers;

/// <summary>certfunctions.io/issuer on an object, and when a certificate counts as issued by another issuer.</summary>
public sealed class IssuerSelectionTests
{
    private const string Staging = "https://acme-staging-v02.api.letsencrypt.org/directory";
    private const string Production = "https://acme-v02.api.letsencrypt.org/directory";
    private static readonly CertificateRef Web = new("default", "apps", "web");
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly AcmeIssuerCatalog Catalog = new(Options.Create(new AcmeOptions
    {
        Issuers =
        {
            ["default"] = new AcmeIssuerOptions { DirectoryUrl = new Uri(Staging) },
            ["production"] = new AcmeIssuerOptions { DirectoryUrl = new Uri(Production) },
            ["internal"] = new AcmeIssuerOptions { DirectoryUrl = new Uri("https://ca.internal.example/dir"), AllowedNamespaces = "intranet" },
        },
    }));

    [Fact]
    public void The_annotation_selects_the_issuer_and_its_absence_the_default()
    {
        var named = IngressCertificateSpecBuilder.Build(Web, Ingresses.Create(annotations: new Dictionary<string, string> { ["certfunctions.io/issuer"] = "production" }), new ChallengeRoutingOptions(), issuers: Catalog);
        var plain = IngressCertificateSpecBuilder.Build(Web, Ingresses.Create(), new ChallengeRoutingOptions(), issuers: Catalog);

        Assert.Equal("production", named.Issuer);
        Assert.Equal("default", plain.Issuer);
    }

    [Fact]
    public void An_unknown_or_not_allowed_issuer_is_refused_with_the_reason()
    {
        var unknown = Assert.Throws<UnknownIssuerException>(() => IngressCertificateSpecBuilder.Build(
            Web, Ingresses.Create(annotations: new Dictionary<string, string> { ["certfunctions.io/issuer"] = "prod" }), new ChallengeRoutingOptions(), issuers: Catalog));
        Assert.Contains("Ingress 'apps/web' asks for ACME issuer 'prod'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", unknown.Message, StringComparison.Ordinal);

        var refused = Assert.Throws<IssuerNotAllowedException>(() => IngressCertificateSpecBuilder.Build(
            Web, Ingresses.Create(annotations: new Dictionary<string, string> { ["certfunctions.io/issuer"] = "internal" }), new ChallengeRoutingOptions(), issuers: Catalog));
        Assert.Contains("namespace 'apps' may not use", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_issuer_annotation_that_is_no_name_is_an_annotation_error()
    {
        var error = Assert.Throws<InvalidIngressConfigurationException>(() => IngressCertificateSpecBuilder.Build(
            Web, Ingresses.Create(annotations: new Dictionary<string, string> { ["certfunctions.io/issuer"] = "Lets Encrypt" }), new ChallengeRoutingOptions(), issuers: Catalog));

        Assert.Contains("certfunctions.io/issuer: \"Lets Encrypt\" is not an issuer name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_from_another_issuer_is_due_and_one_from_before_named_issuers_only_when_its_ca_differs()
    {
        var production = Catalog.Get("production");
        var fromStaging = Deployed(Staging, "default");

        Assert.True(RenewalDecision.IssuerChanged(fromStaging, production));
        Assert.False(RenewalDecision.IssuerChanged(fromStaging, Catalog.Default));

        // Written before named issuers (no name recorded): an upgrade renews nothing; another CA does.
        Assert.False(RenewalDecision.IssuerChanged(Deployed(Staging, null), Catalog.Default));
        Assert.True(RenewalDecision.IssuerChanged(Deployed(Staging, null), production));

        // Not ours: the issuer is none of our business (adoption rules apply).
        Assert.False(RenewalDecision.IssuerChanged(fromStaging with { ManagedByUs = false }, production));
    }

    private static DeployedCertificate Deployed(string directory, string? issuer) => new(
        "apps", "web-tls", ["www.example.com"], Now.AddDays(-10), Now.AddDays(80), "CN=CA", "0a", true, Now.AddDays(50), directory, IssuerName: issuer);
}
