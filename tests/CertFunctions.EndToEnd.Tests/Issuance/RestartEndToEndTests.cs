using System.Text.Json.Nodes;
using CertFunctions.Core.Acme;
using CertFunctions.Core.Certificates;
using CertFunctions.EndToEnd.Tests.Idempotence;
using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.EndToEnd.Tests.Issuance;

/// <summary>
/// An issuance held in the middle (Wait mode): a crash of the host does not lose it (the durable state on Azurite
/// carries it to the end), and a cancellation through the API ends it and restores the cluster.
/// </summary>
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

    [Fact]
    public async Task Cancelling_an_issuance_that_waits_ends_it_and_restores_the_ingress()
    {
        var world = _world!;
        var ns = await E2E.SeedIngressAsync(world, "web", ["cancel.restart.example.test"]);
        var before = E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "web", "-n", ns));
        var operation = await E2E.RequestAsync(world.Host!, ns, "web");
        await WaitForStepAsync(world.Host!, operation, "SelfChecking");
        Assert.Contains("/.well-known/acme-challenge/", (await E2E.GetJsonAsync(world, "get", "ingress", "web", "-n", ns)).ToJsonString(), StringComparison.Ordinal);

        using (var cancelled = await world.Host!.Http.DeleteAsync(operation))
        {
            var body = await cancelled.Content.ReadAsStringAsync();
            Assert.True(cancelled.StatusCode == System.Net.HttpStatusCode.OK, body);
            Assert.Equal("Terminated", (string?)JsonNode.Parse(body)!["status"]);
        }

        Assert.Equal(E2E.Pretty(before), E2E.Pretty(E2E.Comparable(await E2E.GetJsonAsync(world, "get", "ingress", "web", "-n", ns))));
        Assert.Empty(world.Azurite.CreateBlobServiceClient().GetBlobContainerClient("acme-challenges").GetBlobs());
        Assert.Empty((await E2E.GetJsonAsync(world, "get", "secrets", "-n", ns))["items"]!.AsArray());
        var events = await E2E.GetJsonAsync(world, "get", "events", "-n", ns);
        var cancelledEvent = Assert.Single(events["items"]!.AsArray(), e => (string?)e!["reason"] == "IssuanceCancelled")!;
        Assert.Contains("1 challenge path(s)", (string?)cancelledEvent["message"], StringComparison.Ordinal);

        // Once ended there is nothing to cancel; an unknown operation is not found.
        using (var again = await world.Host!.Http.DeleteAsync(operation))
        {
            Assert.Equal(System.Net.HttpStatusCode.Conflict, again.StatusCode);
            Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        }

        using var unknown = await world.Host!.Http.DeleteAsync(new Uri("api/certificates/operations/cert_default_x_y_00000000", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Cancelling_an_issuance_removes_the_certificate_key_it_kept_for_its_order()
    {
        var world = _world!;
        var ns = await E2E.SeedIngressAsync(world, "web", ["cancel-key.restart.example.test"]);
        var operation = await E2E.RequestAsync(world.Host!, ns, "web");
        await WaitForStepAsync(world.Host!, operation, "SelfChecking");

        // The key a finalize of this instance keeps between finalizing and storing, written through the product's store.
        using var steps = new IssuanceSteps(world);
        var keys = steps.Get<PendingKeyStore>();
        var instanceId = new CertificateRef("default", ns, "web").InstanceId;
        await keys.SaveAsync(new Uri("https://127.0.0.1/order/cancelled"), "-----BEGIN PRIVATE KEY-----\nnot-a-key\n-----END PRIVATE KEY-----\n", instanceId, CancellationToken.None);

        using (var cancelled = await world.Host!.Http.DeleteAsync(operation))
        {
            Assert.True(cancelled.StatusCode == System.Net.HttpStatusCode.OK, await cancelled.Content.ReadAsStringAsync());
        }

        Assert.DoesNotContain(await keys.ListAsync(CancellationToken.None), k => k.Owner == instanceId);
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
