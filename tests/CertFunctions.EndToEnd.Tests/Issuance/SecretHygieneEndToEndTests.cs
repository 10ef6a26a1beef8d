using Azure.Data.Tables;
using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.EndToEnd.Tests.Issuance;

/// <summary>After a real issuance, no private key is in the Durable Task state, its large-message blobs, or the host's logs.</summary>
[Collection(LocalWorldCollection.Name)]
public sealed class SecretHygieneEndToEndTests(LocalWorldFixture fixture)
{
    private static readonly string[] KeyMarkers = ["PRIVATE KEY", "\"d\":", "HmacKey"];

    [Fact]
    public async Task No_private_key_reaches_orchestration_history_status_or_logs()
    {
        var world = fixture.World;
        var ns = await E2E.SeedIngressAsync(world, "clean", ["clean.hygiene.example.test"]);
        var final = await E2E.WaitForOperationAsync(fixture.Host, await E2E.RequestAsync(fixture.Host, ns, "clean"));
        Assert.Equal("Completed", (string?)final["status"]);
        var secret = await E2E.GetJsonAsync(world, "get", "secret", "clean-tls", "-n", ns);
        Assert.NotNull(secret["data"]!["tls.key"]);

        // Every row of the task hub's tables (instances and history: inputs, outputs, custom status, failures).
        var tables = new TableServiceClient(world.Azurite.ConnectionString);
        var hubTables = tables.Query().Select(t => t.Name).Where(n => n.StartsWith(world.TaskHub, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(hubTables);
        var rows = 0;
        foreach (var name in hubTables)
        {
            foreach (var entity in tables.GetTableClient(name).Query<TableEntity>())
            {
                rows++;
                foreach (var value in entity.Select(property => property.Value).OfType<string>())
                {
                    Assert.DoesNotContain(KeyMarkers, marker => value.Contains(marker, StringComparison.Ordinal));
                }
            }
        }

        Assert.True(rows > 10, $"expected the history of the issuance, found {rows} rows");

        // Large messages spill into blobs of the hub; none may hold a key either.
        var blobs = world.Azurite.CreateBlobServiceClient();
        foreach (var container in blobs.GetBlobContainers().Where(c => c.Name.StartsWith(world.TaskHub, StringComparison.OrdinalIgnoreCase)))
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            foreach (var blob in client.GetBlobs())
            {
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
                Assert.DoesNotContain("PRIVATE KEY", content, StringComparison.Ordinal);
            }
        }

        Assert.DoesNotContain("PRIVATE KEY", fixture.Host.RecentOutput, StringComparison.Ordinal);
    }
}
