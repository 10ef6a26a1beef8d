using System.Net.Http.Json;
using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.EndToEnd.Tests.Issuance;

[Collection(LocalWorldCollection.Name)]
public sealed class FailureEndToEndTests(LocalWorldFixture fixture)
{
    [Fact]
    public async Task An_unreachable_challenge_fails_with_the_ca_reason_and_leaves_the_cluster_as_it_was()
    {
        var world = fixture.World;
        const string host = "down.failure.example.test";
        // The CA resolves this name to an address where nothing listens; our self-check (which connects to the
        // ingress directly) passes, so the failure is the CA's own validation error, as behind a broken DNS record.
        using (var dns = new HttpClient())
        {
            using var added = await dns.PostAsJsonAsync(
                $"http://127.0.0.1:{world.Pebble.DnsManagementPort}/add-a", new { host, addresses = new[] { "127.0.0.2" } });
            Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        }

        var ns = await E2E.SeedIngressAsync(world, "down", [host]);
        var before = E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "down", "-n", ns));

        var final = await E2E.WaitForOperationAsync(fixture.Host, await E2E.RequestAsync(fixture.Host, ns, "down"));

        Assert.Equal("Failed", (string?)final["status"]);
        var failure = (string?)final["failure"];
        Assert.NotNull(failure);
        Assert.Contains("The CA could not validate", failure, StringComparison.Ordinal);
        Assert.Contains("urn:ietf:params:acme:error:connection", failure, StringComparison.Ordinal);

        var after = E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "down", "-n", ns));
        Assert.Equal(E2E.Pretty(before), E2E.Pretty(after));
        var secrets = await E2E.GetJsonAsync(world, "get", "secrets", "-n", ns);
        Assert.Empty(secrets["items"]!.AsArray());
        Assert.Empty(world.Azurite.CreateBlobServiceClient().GetBlobContainerClient("acme-challenges").GetBlobs());

        var events = await E2E.GetJsonAsync(world, "get", "events", "-n", ns);
        var failed = Assert.Single(events["items"]!.AsArray(), e => (string?)e!["reason"] == "IssuanceFailed")!;
        Assert.Equal("Warning", (string?)failed["type"]);
        Assert.Contains("connection", (string?)failed["message"], StringComparison.OrdinalIgnoreCase);
    }
}
