using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.EndToEnd.Tests.Issuance;

/// <summary>Two opted-in Ingresses that share a host issue at the same time; neither run's cleanup takes what the other still presents.</summary>
[Collection(LocalWorldCollection.Name)]
public sealed class SharedHostEndToEndTests(LocalWorldFixture fixture)
{
    [Fact]
    public async Task Two_ingresses_sharing_a_host_both_get_their_certificates_and_leave_no_token()
    {
        var world = fixture.World;
        var ns = await E2E.SeedIngressAsync(world, "shop", ["shared.hosts.example.test", "shop.hosts.example.test"]);
        await E2E.SeedIngressAsync(world, "api", ["shared.hosts.example.test", "api.hosts.example.test"], inNamespace: ns);

        var shop = await E2E.RequestAsync(fixture.Host, ns, "shop");
        var api = await E2E.RequestAsync(fixture.Host, ns, "api");
        var finals = await Task.WhenAll(E2E.WaitForOperationAsync(fixture.Host, shop), E2E.WaitForOperationAsync(fixture.Host, api));

        Assert.All(finals, final => Assert.True((string?)final["status"] == "Completed", E2E.Pretty(final) + "\n" + fixture.Host.RecentOutput));
        foreach (var (ingress, own) in new[] { ("shop", "shop.hosts.example.test"), ("api", "api.hosts.example.test") })
        {
            var secret = await E2E.GetJsonAsync(world, "get", "secret", ingress + "-tls", "-n", ns);
            var pem = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String((string)secret["data"]!["tls.crt"]!));
            using var leaf = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(pem);
            var names = leaf.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ToList();
            Assert.Equal(new[] { own, "shared.hosts.example.test" }.Order(), names.Order());
        }

        // No token of either run is left (other tests share the container, so only these runs' owners are looked at).
        var ids = finals.Select(f => (string)f["id"]!).ToList();
        var tokens = world.Azurite.CreateBlobServiceClient().GetBlobContainerClient("acme-challenges");
        var left = tokens.GetBlobs(new Azure.Storage.Blobs.Models.GetBlobsOptions { Traits = Azure.Storage.Blobs.Models.BlobTraits.Metadata })
            .Where(b => b.Metadata.TryGetValue("owners", out var owners) && ids.Any(id => owners.Contains(Uri.EscapeDataString(id), StringComparison.Ordinal)))
            .Select(b => b.Name)
            .ToList();
        Assert.Empty(left);
    }
}
