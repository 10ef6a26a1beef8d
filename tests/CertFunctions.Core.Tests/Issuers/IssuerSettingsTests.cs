using CertFunctions.Core.Acme;
using CertFunctions.Core.DependencyInjection;
using CertFunctions.Core.Issuers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Tests.Issuers;

/// <summary>Named issuers from settings: today's single Acme:* form is the issuer "default", the named form, and no mix.</summary>
public sealed class IssuerSettingsTests
{
    private const string Staging = "https://acme-staging-v02.api.letsencrypt.org/directory";
    private const string Production = "https://acme-v02.api.letsencrypt.org/directory";

    [Fact]
    public void Single_issuer_settings_are_the_issuer_named_default()
    {
        var catalog = Catalog(new()
        {
            ["Acme:DirectoryUrl"] = Production,
            ["Acme:Email"] = "ops@example.test",
            ["Acme:AccountKeyType"] = "ES384",
            ["Acme:Profile"] = "tlsserver",
            ["Acme:PreferredChain"] = "ISRG Root X1",
        });

        var issuer = Assert.Single(catalog.All);
        Assert.Same(issuer, catalog.Default);
        Assert.Equal(AcmeIssuer.DefaultName, issuer.Name);
        Assert.Equal(new Uri(Production), issuer.DirectoryUrl);
        Assert.Equal("ops@example.test", issuer.Email);
        Assert.Equal(CertFunctions.Acme.Jws.AccountKeyAlgorithm.ES384, issuer.AccountKeyType);
        Assert.Equal("tlsserver", issuer.Profile);
        Assert.Equal("ISRG Root X1", issuer.PreferredChain);
        Assert.False(issuer.HasExternalAccountBinding);
        Assert.True(issuer.Allows("any-namespace"));
    }

    [Fact]
    public void Nothing_set_is_lets_encrypt_staging_as_before()
    {
        var issuer = Catalog([]).Default;

        Assert.Equal(AcmeIssuer.DefaultName, issuer.Name);
        Assert.Equal(new Uri(AcmeOptions.LetsEncryptStaging), issuer.DirectoryUrl);
    }

    [Fact]
    public void Named_issuers_each_keep_their_own_settings_and_the_default_is_chosen_by_setting()
    {
        var catalog = Catalog(new()
        {
            ["Acme:DefaultIssuer"] = "staging",
            ["Acme:Issuers:staging:DirectoryUrl"] = Staging,
            ["Acme:Issuers:production:DirectoryUrl"] = Production,
            ["Acme:Issuers:production:Profile"] = "shortlived",
            ["Acme:Issuers:zerossl:DirectoryUrl"] = "https://acme.zerossl.com/v2/DV90",
            ["Acme:Issuers:zerossl:EabKeyId"] = "kid-1",
            ["Acme:Issuers:zerossl:EabHmacKey"] = "c2VjcmV0LWhtYWMta2V5",
            ["Acme:Issuers:zerossl:AllowedNamespaces"] = "shop, payments",
        });

        Assert.Equal("staging", catalog.Default.Name);
        Assert.Equal(["production", "staging", "zerossl"], catalog.All.Select(i => i.Name).Order());
        Assert.Equal("shortlived", catalog.Get("production").Profile);
        Assert.Null(catalog.Get("staging").Profile);
        var zerossl = catalog.Get("zerossl");
        Assert.True(zerossl.HasExternalAccountBinding);
        Assert.False(catalog.Get("production").HasExternalAccountBinding);
        Assert.True(zerossl.Allows("payments"));
        Assert.False(zerossl.Allows("blog"));

        // The HMAC key is a secret: never in what an issuer prints.
        Assert.DoesNotContain("c2VjcmV0", zerossl.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", new AcmeIssuerOptions { EabHmacKey = "c2VjcmV0" }.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_default_setting_the_issuer_named_default_or_the_only_one_is_the_default()
    {
        Assert.Equal("default", Catalog(new()
        {
            ["Acme:Issuers:default:DirectoryUrl"] = Staging,
            ["Acme:Issuers:production:DirectoryUrl"] = Production,
        }).Default.Name);
        Assert.Equal("production", Catalog(new() { ["Acme:Issuers:production:DirectoryUrl"] = Production }).Default.Name);
    }

    [Fact]
    public void Both_forms_at_once_stop_the_start_naming_the_settings()
    {
        var error = StartupError(new()
        {
            ["Acme:DirectoryUrl"] = Staging,
            ["Acme:EabKeyId"] = "kid",
            ["Acme:Issuers:production:DirectoryUrl"] = Production,
        });

        Assert.Contains("Acme:DirectoryUrl, Acme:EabKeyId and Acme:Issuers are both set; use one form", error, StringComparison.Ordinal);
        Assert.Contains("Acme:Issuers:default:*", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Acme:Issuers:a:DirectoryUrl", Staging, "Acme:Issuers:b:DirectoryUrl", Production, "set Acme:DefaultIssuer")]
    [InlineData("Acme:DefaultIssuer", "prod", "Acme:Issuers:production:DirectoryUrl", Production, "Acme:DefaultIssuer is 'prod' but there is no such issuer")]
    [InlineData("Acme:Issuers:Production:DirectoryUrl", Production, "Acme:Issuers:x:Email", "ops@example.test", "Acme:Issuers:Production: 'Production' is not an issuer name")]
    [InlineData("Acme:Issuers:x:DirectoryUrl", "http://ca.example.test/dir", "Acme:Issuers:x:Email", "ops@example.test", "Acme:Issuers:x:DirectoryUrl must be an absolute https URL")]
    [InlineData("Acme:Issuers:x:Email", "ops@example.test", "Acme:Issuers:x:Profile", "classic", "Acme:Issuers:x:DirectoryUrl is required")]
    [InlineData("Acme:Issuers:x:DirectoryUrl", Staging, "Acme:Issuers:x:AllowedNamespaces", "shop,Not_A_Namespace", "Acme:Issuers:x:AllowedNamespaces: 'Not_A_Namespace' is not a namespace name")]
    [InlineData("Acme:Issuers:x:DirectoryUrl", Staging, "Acme:Issuers:x:TrustedRootPath", "/nonexistent/root.pem", "Acme:Issuers:x:TrustedRootPath points to '/nonexistent/root.pem'")]
    public void A_bad_issuer_setting_stops_the_start_naming_the_setting(string key1, string value1, string key2, string value2, string expected)
    {
        Assert.Contains(expected, StartupError(new() { [key1] = value1, [key2] = value2 }), StringComparison.Ordinal);
    }

    [Fact]
    public void Half_an_external_account_binding_is_refused_without_showing_the_key()
    {
        var error = StartupError(new()
        {
            ["Acme:Issuers:zerossl:DirectoryUrl"] = "https://acme.zerossl.com/v2/DV90",
            ["Acme:Issuers:zerossl:EabHmacKey"] = "c2VjcmV0LWhtYWMta2V5",
        });

        Assert.Contains("Acme:Issuers:zerossl:EabKeyId and Acme:Issuers:zerossl:EabHmacKey must be set together", error, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_object_gets_the_issuer_it_names_or_a_clear_refusal_never_another_one()
    {
        var catalog = Catalog(new()
        {
            ["Acme:Issuers:default:DirectoryUrl"] = Staging,
            ["Acme:Issuers:internal:DirectoryUrl"] = "https://ca.internal.example/acme/directory",
            ["Acme:Issuers:internal:AllowedNamespaces"] = "intranet",
        });

        Assert.Equal("default", catalog.Select(null, "shop", "Ingress 'shop/web'").Name);
        Assert.Equal("internal", catalog.Select("internal", "intranet", "Ingress 'intranet/wiki'").Name);

        var unknown = Assert.Throws<UnknownIssuerException>(() => catalog.Select("producton", "shop", "Ingress 'shop/web'"));
        Assert.Contains("Ingress 'shop/web' asks for ACME issuer 'producton'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("configured: default, internal", unknown.Message, StringComparison.Ordinal);

        var refused = Assert.Throws<IssuerNotAllowedException>(() => catalog.Select("internal", "shop", "Ingress 'shop/web'"));
        Assert.Contains("namespace 'shop' may not use", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Acme:Issuers:internal:AllowedNamespaces is intranet", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_issuer_keeps_the_account_blob_of_the_single_issuer_form_and_others_get_their_own()
    {
        var directory = new Uri(Production);

        // The name accounts were stored under before named issuers: an upgraded deployment finds its account there.
        Assert.Equal("accounts/acme-v02.api.letsencrypt.org-" + LegacyHash(directory) + ".json", AcmeAccountStore.BlobName("default", directory));
        Assert.Equal("accounts/production/acme-v02.api.letsencrypt.org-" + LegacyHash(directory) + ".json", AcmeAccountStore.BlobName("production", directory));
    }

    private static string LegacyHash(Uri directory) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(directory.AbsoluteUri)))[..16];

    private static AcmeIssuerCatalog Catalog(Dictionary<string, string?> settings)
    {
        using var services = Services(settings);
        return services.GetRequiredService<AcmeIssuerCatalog>();
    }

    private static string StartupError(Dictionary<string, string?> settings)
    {
        using var services = Services(settings);
        return Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate()).Message;
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddCertFunctionsCore(configuration).BuildServiceProvider();
    }
}
