using System.Text.Json.Nodes;
using CertFunctions.Core.Certificates;
using CertFunctions.EndToEnd.Tests.Issuance;
using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.EndToEnd.Tests.Admission;

/// <summary>
/// Without the webhook, the discovery trigger (run through the host's admin route, as the Functions host runs a timer)
/// finds a new opted-in Ingress and a deleted Secret, and the real issuance writes the Secret, with no API call.
/// </summary>
public sealed class DiscoveryEndToEndTests(DiscoveryEndToEndTests.World fixture) : IClassFixture<DiscoveryEndToEndTests.World>
{
    [Fact]
    public async Task Discovery_issues_for_a_new_ingress_and_again_when_its_secret_is_deleted()
    {
        var world = fixture.Local;
        var ns = await IngressSeeder.SeedAsync(world, "shop", ["shop.discovery.example.test"], namespacePrefix: "discovery");

        var first = await RunDiscoveryAsync(world);
        var issued = await WaitForSecretAsync(world, ns, "shop-tls");
        // The run goes on after the Secret is written (cleanup, outcome, notifications); a discovery run meanwhile
        // would find it running and rightly start nothing, so wait for its end first.
        var operation = new Uri($"api/certificates/operations/{new CertificateRef("default", ns, "shop").InstanceId}", UriKind.Relative);
        Assert.Equal("Completed", (string?)(await E2E.WaitForOperationAsync(world.Host!, operation))["status"]);
        var idle = await RunDiscoveryAsync(world);
        var deleted = await world.Emulator.RunKubectlAsync("delete", "secret", "shop-tls", "-n", ns);
        var again = await RunDiscoveryAsync(world);
        var reissued = await WaitForSecretAsync(world, ns, "shop-tls");

        Assert.True((int)first["started"]! >= 1, first.ToJsonString());
        Assert.NotNull(issued);
        Assert.Equal(0, (int)idle["started"]!);
        Assert.Equal(0, deleted.ExitCode);
        Assert.Equal(1, (int)again["started"]!);
        Assert.NotNull(reissued);
        Assert.NotEqual((string?)issued!["metadata"]!["uid"], (string?)reissued!["metadata"]!["uid"]);
    }

    private static async Task<JsonObject> RunDiscoveryAsync(LocalWorld world)
    {
        using var response = await world.Host!.Http.PostAsync("admin/functions/DiscoveryTimer", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static async Task<JsonObject?> WaitForSecretAsync(LocalWorld world, string ns, string name)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var result = await world.Emulator.RunKubectlAsync("get", "secret", name, "-n", ns, "-o", "json", "--ignore-not-found");
            if (result.ExitCode == 0 && result.StandardOutput.Trim().Length > 0)
            {
                return JsonNode.Parse(result.StandardOutput)!.AsObject();
            }

            await Task.Delay(250);
        }

        return null;
    }

    /// <summary>A local world of its own: discovery looks at every Ingress of the cluster.</summary>
    public sealed class World : IAsyncLifetime
    {
        /// <summary>The world.</summary>
        public LocalWorld Local { get; private set; } = null!;

        /// <inheritdoc />
        public async Task InitializeAsync() => Local = await LocalWorld.StartAsync();

        /// <inheritdoc />
        public async Task DisposeAsync() => await Local.DisposeAsync();
    }
}
