using System.Text.Json.Nodes;
using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.EndToEnd.Tests.Issuance;

/// <summary>A crash of the host in the middle of an issuance: the durable state on Azurite carries it to the end.</summary>
public sealed class RestartEndToEndTests : IAsyncLifetime
{
    private LocalWorld? _world;

    public async Task InitializeAsync()
        => _world = await LocalWorld.StartAsync(new LocalWorldOptions
        {
            // Wait mode holds the issuance in a durable timer after routing the challenge: a window to kill the host in.
            Settings = new Dictionary<string, string> { ["SelfCheck:Mode"] = "Wait", ["SelfCheck:WaitDuration"] = "00:00:08" },
        });

    public async Task DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }
    }

    [Fact]
    public async Task Killing_the_host_while_an_issuance_waits_does_not_lose_it_and_the_cluster_ends_clean()
    {
        var world = _world!;
        var ns = await E2E.SeedIngressAsync(world, "web", ["crash.restart.example.test"]);
        var before = E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "web", "-n", ns));
        var operation = await E2E.RequestAsync(world.Host!, ns, "web");

        // Wait until the challenge is routed and the orchestration sits in its timer, then crash the host.
        await WaitForStepAsync(world.Host!, operation, "SelfChecking");
        var routed = await E2E.GetJsonAsync(world, "get", "ingress", "web", "-n", ns);
        Assert.Contains("/.well-known/acme-challenge/", routed.ToJsonString(), StringComparison.Ordinal);
        await world.Host!.KillAsync();

        await world.RestartHostAsync();
        var final = await E2E.WaitForOperationAsync(world.Host!, operation);

        Assert.True((string?)final["status"] == "Completed", E2E.Pretty(final) + "\n" + world.Host!.RecentOutput);
        var after = E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "web", "-n", ns));
        Assert.Single(after["spec"]!["tls"]!.AsArray());
        after["spec"]!.AsObject().Remove("tls");
        Assert.Equal(E2E.Pretty(before), E2E.Pretty(after));

        // Exactly one certificate for the order: one issued event, one Secret, whose serial is the operation's.
        var events = await E2E.GetJsonAsync(world, "get", "events", "-n", ns);
        var issued = events["items"]!.AsArray().Where(e => (string?)e!["reason"] == "CertificateIssued").ToList();
        Assert.Single(issued);
        var secret = await E2E.GetJsonAsync(world, "get", "secret", "web-tls", "-n", ns);
        Assert.Equal((string?)final["result"]!["serial"], (string?)secret["metadata"]!["annotations"]!["certfunctions.io/serial"]);
        Assert.Empty(world.Azurite.CreateBlobServiceClient().GetBlobContainerClient("acme-challenges").GetBlobs());
    }

    private static async Task WaitForStepAsync(LocalHostProcess host, Uri operation, string step)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var state = JsonNode.Parse(await host.Http.GetStringAsync(operation, timeout.Token))!;
            if ((string?)state["progress"]?["step"] == step)
            {
                return;
            }

            Assert.NotEqual("Completed", (string?)state["status"]);
            await Task.Delay(100, timeout.Token);
        }
    }
}
