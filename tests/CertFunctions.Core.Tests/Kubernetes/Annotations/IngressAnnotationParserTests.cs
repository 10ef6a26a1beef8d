using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Routing;

namespace CertFunctions.Core.Tests.Kubernetes.Annotations;

public sealed class IngressAnnotationParserTests
{
    [Theory]
    [InlineData("kubernetes.io/tls-acme", "true", true)]
    [InlineData("kubernetes.io/tls-acme", "True", true)]
    [InlineData("kubernetes.io/tls-acme", "false", false)]
    [InlineData("certfunctions.io/enabled", "true", true)]
    [InlineData("certfunctions.io/enabled", "yes", false)]
    [InlineData("other.io/enabled", "true", false)]
    public void Opt_in_accepts_our_annotation_and_tls_acme(string key, string value, bool expected)
    {
        Assert.Equal(expected, IngressAnnotationParser.IsOptedIn(new Dictionary<string, string> { [key] = value }));
    }

    [Fact]
    public void Our_enabled_false_opts_out_even_with_tls_acme()
    {
        var annotations = new Dictionary<string, string> { ["kubernetes.io/tls-acme"] = "true", ["certfunctions.io/enabled"] = "false" };

        Assert.False(IngressAnnotationParser.IsOptedIn(annotations));
    }

    [Fact]
    public void No_annotations_is_not_opted_in_and_parses_to_defaults()
    {
        Assert.False(IngressAnnotationParser.IsOptedIn(null));

        var settings = IngressAnnotationParser.Parse(null, "apps/web");

        Assert.Equal(new IngressAnnotationSettings(null, null, null, null, null, false, null), settings);
    }

    [Fact]
    public void Every_override_is_read()
    {
        var settings = IngressAnnotationParser.Parse(
            new Dictionary<string, string>
            {
                ["certfunctions.io/routing"] = "solver-ingress",
                ["certfunctions.io/key-type"] = "rsa-3072",
                ["certfunctions.io/profile"] = "shortlived",
                ["certfunctions.io/preferred-chain"] = "ISRG Root X1",
                ["certfunctions.io/secret-name"] = "web-cert",
                ["certfunctions.io/adopt-secret"] = "TRUE",
                ["certfunctions.io/solver-preset"] = "azure-application-gateway",
            },
            "apps/web");

        Assert.Equal(RoutingStrategy.SolverIngress, settings.Routing);
        Assert.Equal(CertificateKeyType.Rsa3072, settings.KeyType);
        Assert.Equal("shortlived", settings.Profile);
        Assert.Equal("ISRG Root X1", settings.PreferredChain);
        Assert.Equal("web-cert", settings.SecretName);
        Assert.True(settings.AdoptSecret);
        Assert.Equal(SolverPreset.AzureApplicationGateway, settings.SolverPreset);
    }

    [Theory]
    [InlineData("ecdsa-p256", CertificateKeyType.EcdsaP256)]
    [InlineData("ecdsa-p384", CertificateKeyType.EcdsaP384)]
    [InlineData("rsa-2048", CertificateKeyType.Rsa2048)]
    [InlineData("rsa-4096", CertificateKeyType.Rsa4096)]
    public void Key_types_are_parsed(string value, CertificateKeyType expected)
    {
        var settings = IngressAnnotationParser.Parse(new Dictionary<string, string> { ["certfunctions.io/key-type"] = value }, "apps/web");

        Assert.Equal(expected, settings.KeyType);
    }

    [Fact]
    public void Bad_values_are_all_reported_in_one_message_naming_annotation_and_choices()
    {
        var ex = Assert.Throws<InvalidIngressConfigurationException>(() => IngressAnnotationParser.Parse(
            new Dictionary<string, string>
            {
                ["certfunctions.io/routing"] = "sideways",
                ["certfunctions.io/key-type"] = "rsa-1024",
                ["certfunctions.io/adopt-secret"] = "maybe",
                ["certfunctions.io/secret-name"] = "Not_Valid",
                ["certfunctions.io/solver-preset"] = "traefik",
                ["certfunctions.io/profile"] = "has space",
            },
            "apps/web"));

        Assert.False(ex.IsTransient);
        Assert.Contains("apps/web", ex.Message);
        Assert.Contains("certfunctions.io/routing: \"sideways\" is not one of in-place | solver-ingress", ex.Message);
        Assert.Contains("certfunctions.io/key-type: \"rsa-1024\"", ex.Message);
        Assert.Contains("ecdsa-p256", ex.Message);
        Assert.Contains("certfunctions.io/adopt-secret: \"maybe\"", ex.Message);
        Assert.Contains("certfunctions.io/secret-name: \"Not_Valid\"", ex.Message);
        Assert.Contains("certfunctions.io/solver-preset: \"traefik\"", ex.Message);
        Assert.Contains("certfunctions.io/profile", ex.Message);
        Assert.Contains("nothing was changed", ex.Message);
    }

    [Fact]
    public void A_misspelt_annotation_of_ours_is_an_error_not_silently_ignored()
    {
        var ex = Assert.Throws<InvalidIngressConfigurationException>(() => IngressAnnotationParser.Parse(
            new Dictionary<string, string> { ["certfunctions.io/keytype"] = "rsa-2048" },
            "apps/web"));

        Assert.Contains("certfunctions.io/keytype is not a CertFunctions annotation", ex.Message);
        Assert.Contains("certfunctions.io/key-type", ex.Message);
    }

    [Fact]
    public void Annotations_of_others_are_ignored()
    {
        var settings = IngressAnnotationParser.Parse(
            new Dictionary<string, string> { ["nginx.ingress.kubernetes.io/rewrite-target"] = "/", ["cert-manager.io/cluster-issuer"] = "x" },
            "apps/web");

        Assert.Null(settings.Routing);
    }
}
