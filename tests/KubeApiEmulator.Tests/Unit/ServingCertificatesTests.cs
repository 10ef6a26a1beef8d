using System.Text;
using System.Text.Json.Nodes;
using CertFunctions.Testing.Certificates;
using KubeApiEmulator.Routing.Gateway.Tls;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Tests.Unit;

/// <summary>Loading listener certificates from Secrets: what is refused, and what is parsed again.</summary>
public sealed class ServingCertificatesTests : IDisposable
{
    private readonly TestCertificateAuthority _ca = new();

    public void Dispose() => _ca.Dispose();

    [Fact]
    public void A_key_that_does_not_match_the_certificate_is_refused_without_showing_the_key()
    {
        var certificate = _ca.Issue(["a.test"]);
        var other = _ca.Issue(["b.test"]);

        var loaded = ServingCertificates.Load(Secret("ns/a", 1, certificate.ChainPem, other.KeyPem));

        Assert.Null(loaded.Context);
        Assert.StartsWith("secret ns/a: tls.crt and tls.key cannot be loaded: ", loaded.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", loaded.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_served_context_is_the_leaf_with_the_intermediates_of_tls_crt()
    {
        var certificate = _ca.Issue(["a.test"]);

        var loaded = ServingCertificates.Load(Secret("ns/a", 1, certificate.ChainPem, certificate.KeyPem));

        Assert.Equal(certificate.Serial, loaded.SerialNumber?.ToLowerInvariant());
        Assert.True(loaded.Context!.TargetCertificate.HasPrivateKey);
        Assert.Contains(loaded.Context.IntermediateCertificates, c => c.Thumbprint == _ca.Intermediate.Thumbprint);
    }

    [Fact]
    public void An_unchanged_secret_is_not_parsed_again_and_a_new_resource_version_is()
    {
        var first = _ca.Issue(["a.test"]);
        var second = _ca.Issue(["a.test"]);
        var certificates = new ServingCertificates();

        var one = certificates.Resolve([Stored("ns/a", 5, first.ChainPem, first.KeyPem)])["ns/a"];
        var again = certificates.Resolve([Stored("ns/a", 5, first.ChainPem, first.KeyPem)])["ns/a"];
        var replaced = certificates.Resolve([Stored("ns/a", 6, second.ChainPem, second.KeyPem)])["ns/a"];

        Assert.Same(one, again);
        Assert.Equal(second.Serial, replaced.SerialNumber?.ToLowerInvariant());
    }

    private static CertificateSecret Secret(string key, long version, string crt, string keyPem) =>
        new(key, "uid-1", version, "kubernetes.io/tls", Base64(crt), Base64(keyPem));

    private static StoredObject Stored(string key, long version, string crt, string keyPem)
    {
        var json = new JsonObject
        {
            ["type"] = "kubernetes.io/tls",
            ["data"] = new JsonObject { ["tls.crt"] = Base64(crt), ["tls.key"] = Base64(keyPem) },
        };
        return new StoredObject
        {
            Key = key,
            Namespace = key.Split('/')[0],
            Name = key.Split('/')[1],
            Uid = "uid-1",
            ResourceVersion = version,
            Json = Encoding.UTF8.GetBytes(json.ToJsonString()),
            Labels = new Dictionary<string, string>(),
            Fields = new Dictionary<string, string>(),
        };
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));
}
