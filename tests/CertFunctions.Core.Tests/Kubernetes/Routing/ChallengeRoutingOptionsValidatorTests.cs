using CertFunctions.Core.Kubernetes.Routing;

namespace CertFunctions.Core.Tests.Kubernetes.Routing;

public sealed class ChallengeRoutingOptionsValidatorTests
{
    private readonly ChallengeRoutingOptionsValidator _validator = new();

    [Fact]
    public void The_defaults_are_valid()
        => Assert.True(_validator.Validate(null, new ChallengeRoutingOptions()).Succeeded);

    [Fact]
    public void A_responder_external_name_with_a_scheme_is_refused_naming_the_setting()
    {
        var result = _validator.Validate(null, new ChallengeRoutingOptions { ResponderExternalName = "https://myapp.azurewebsites.net" });

        Assert.True(result.Failed);
        Assert.Contains("Challenge:ResponderExternalName", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trusted_roots_file_that_does_not_exist_is_refused_naming_the_setting()
    {
        var result = _validator.Validate(null, new ChallengeRoutingOptions { ResponderTrustedRootsPath = "/nonexistent/roots.pem" });

        Assert.True(result.Failed);
        Assert.Contains("Challenge:ResponderTrustedRootsPath", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_system_trust_store_gives_a_pem_bundle_of_certificates()
    {
        var bundle = System.Text.Encoding.ASCII.GetString(ResponderProxyTrust.LoadBundle(null));

        Assert.StartsWith("-----BEGIN CERTIFICATE-----", bundle, StringComparison.Ordinal);
        var roots = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        roots.ImportFromPem(bundle);
        Assert.NotEmpty(roots);
    }
}
