using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.EndToEnd.Tests.Issuance;

[Collection(LocalWorldCollection.Name)]
public sealed class IssuanceEndToEndTests(LocalWorldFixture fixture)
{
    [Theory]
    [InlineData("in-place")]
    [InlineData("solver-ingress")]
    public async Task A_two_host_ingress_gets_a_verified_certificate_and_only_our_tls_entry(string routing)
    {
        var world = fixture.World;
        var hosts = new[] { $"a-{routing}.example.test", $"b-{routing}.example.test" };
        var ns = await E2E.SeedIngressAsync(world, "web", hosts, new Dictionary<string, string> { ["certfunctions.io/routing"] = routing });
        var before = E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "web", "-n", ns));

        var operation = await E2E.RequestAsync(fixture.Host, ns, "web");
        var final = await E2E.WaitForOperationAsync(fixture.Host, operation);

        Assert.True((string?)final["status"] == "Completed", E2E.Pretty(final) + "\n" + fixture.Host.RecentOutput);
        Assert.Equal("web-tls", (string?)final["result"]!["secretName"]);

        // The Secret: kubernetes.io/tls, leaf + chain, both names, verifies against Pebble's root.
        var secret = await E2E.GetJsonAsync(world, "get", "secret", "web-tls", "-n", ns);
        Assert.Equal("kubernetes.io/tls", (string?)secret["type"]);
        var chainPem = Encoding.ASCII.GetString(Convert.FromBase64String((string)secret["data"]!["tls.crt"]!));
        var keyPem = Encoding.ASCII.GetString(Convert.FromBase64String((string)secret["data"]!["tls.key"]!));
        Assert.Contains("PRIVATE KEY", keyPem, StringComparison.Ordinal);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(chainPem);
        Assert.True(chain.Count >= 2, "tls.crt must hold the leaf and its intermediates");
        var leaf = chain[0];
        var sans = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ToArray();
        Assert.Equal(hosts.Order(), sans.Order());
        using var verify = new X509Chain();
        verify.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        verify.ChainPolicy.CustomTrustStore.Add(await world.Pebble.GetRootCertificateAsync());
        foreach (var intermediate in chain.Skip(1))
        {
            verify.ChainPolicy.ExtraStore.Add(intermediate);
        }

        verify.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(verify.Build(leaf), string.Join("; ", verify.ChainStatus.Select(s => s.StatusInformation)));
        using (var key = System.Security.Cryptography.ECDsa.Create())
        {
            key.ImportFromPem(keyPem);
            Assert.Equal(leaf.GetECDsaPublicKey()!.ExportSubjectPublicKeyInfo(), key.ExportSubjectPublicKeyInfo());
        }

        // The Ingress afterwards equals the original plus our spec.tls entry, nothing else.
        var after = E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "web", "-n", ns));
        var tls = after["spec"]!["tls"]!.AsArray();
        var entry = Assert.Single(tls)!;
        Assert.Equal("web-tls", (string?)entry["secretName"]);
        Assert.Equal(hosts.Order(), entry["hosts"]!.AsArray().Select(h => (string)h!).Order());
        after["spec"]!.AsObject().Remove("tls");
        Assert.Equal(E2E.Pretty(before), E2E.Pretty(after));

        // Nothing of the challenge is left: no solver Ingress, no challenge paths, no tokens.
        var ingresses = await E2E.GetJsonAsync(world, "get", "ingress", "-n", ns);
        Assert.Single(ingresses["items"]!.AsArray());
        var tokens = world.Azurite.CreateBlobServiceClient().GetBlobContainerClient("acme-challenges");
        Assert.Empty(tokens.GetBlobs());

        // Events a user can read.
        var events = await E2E.GetJsonAsync(world, "get", "events", "-n", ns);
        var reasons = events["items"]!.AsArray().Select(e => (string?)e!["reason"]).ToList();
        Assert.Contains("ChallengePresented", reasons);
        Assert.Contains("CertificateIssued", reasons);
    }
}
