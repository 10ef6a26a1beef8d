using System.Net;
using System.Text.Json.Nodes;
using CertFunctions.EndToEnd.Tests.Issuance;
using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.EndToEnd.Tests.Gateways;

/// <summary>
/// A Gateway's run held in the middle (self-check Wait mode holds each certificate's sub-orchestration in a durable
/// timer once its solver HTTPRoute is accepted): a cancellation ends the run and its sub-orchestrations and restores
/// the cluster; a crash of the host does not lose the run; and the Backend strategy's route is seen while it serves.
/// </summary>
public sealed class GatewayRestartEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan HoldDuration = TimeSpan.FromSeconds(8);
    private LocalWorld? _world;

    public async Task InitializeAsync()
        => _world = await LocalWorld.StartAsync(new LocalWorldOptions
        {
            Settings = new Dictionary<string, string>
            {
                ["SelfCheck:Mode"] = "Wait",
                ["SelfCheck:WaitDuration"] = HoldDuration.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            },
        });

    public async Task DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }
    }

    [Fact]
    public async Task Cancelling_a_gateway_run_ends_its_sub_orchestrations_and_removes_the_solver_route_leaving_gateway_and_secrets_as_they_were()
    {
        var world = _world!;
        var ns = await GatewaySeeder.SeedAsync(world, "web", [
            GatewaySeeder.Http("http"),
            GatewaySeeder.Https("shop", "shop.gw-cancel.example.test", "shop-tls"),
            GatewaySeeder.Https("api", "api.gw-cancel.example.test", "api-tls"),
        ]);
        var before = await GatewayAssertions.SpecAsync(world, ns);
        var operation = await E2E.RequestGatewayAsync(world.Host!, ns, "web");
        var (first, second) = await WaitForFirstCertificateHeldAsync(world.Host!, operation);
        Assert.Single(await GatewayAssertions.HttpRoutesAsync(world, ns));

        using (var cancelled = await world.Host!.Http.DeleteAsync(operation))
        {
            var body = await cancelled.Content.ReadAsStringAsync();
            Assert.True(cancelled.StatusCode == HttpStatusCode.OK, body);
            Assert.Equal("Terminated", (string?)JsonNode.Parse(body)!["status"]);
        }

        // The sub-orchestration holding the first certificate ended too, and the second never started.
        Assert.Equal("Terminated", (string?)(await OperationAsync(world.Host!, first))!["status"]);
        using (var never = await world.Host!.Http.GetAsync(OperationUri(second)))
        {
            Assert.Equal(HttpStatusCode.NotFound, never.StatusCode);
        }

        await AssertUntouchedAsync(world, ns, before);
        var cancelledEvent = Assert.Single(await GatewayAssertions.GatewayEventsAsync(world, ns), e => (string?)e["reason"] == "IssuanceCancelled");
        Assert.Contains("1 certificate operation(s) ended, 1 solver HTTPRoute(s)", (string?)cancelledEvent["message"], StringComparison.Ordinal);

        // Past the point where the held sub-orchestration would have gone on to the CA, still nothing has changed.
        await Task.Delay(HoldDuration + TimeSpan.FromSeconds(2));
        Assert.Equal("Terminated", (string?)(await OperationAsync(world.Host!, first))!["status"]);
        await AssertUntouchedAsync(world, ns, before);
        Assert.DoesNotContain(await GatewayAssertions.GatewayEventsAsync(world, ns), e => (string?)e["reason"] == "CertificateIssued");

        using var again = await world.Host!.Http.DeleteAsync(operation);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Cancelling_the_operation_of_one_secret_cancels_the_whole_gateway_run_that_waits_for_it()
    {
        var world = _world!;
        var ns = await GatewaySeeder.SeedAsync(world, "web", [GatewaySeeder.Http("http"), GatewaySeeder.Https("shop", "shop.gw-cancel-part.example.test", "shop-tls")]);
        var before = await GatewayAssertions.SpecAsync(world, ns);
        var operation = await E2E.RequestGatewayAsync(world.Host!, ns, "web");
        var (first, _) = await WaitForFirstCertificateHeldAsync(world.Host!, operation);

        // The id the certificate list and the dashboard show for the Secret is its own operation's.
        using (var cancelled = await world.Host!.Http.DeleteAsync(OperationUri(first)))
        {
            var body = JsonNode.Parse(await cancelled.Content.ReadAsStringAsync())!;
            Assert.True(cancelled.StatusCode == HttpStatusCode.OK, body.ToJsonString());
            Assert.Equal(new Uri(world.Host!.BaseUri, operation).AbsoluteUri, new Uri(world.Host!.BaseUri, (string)body["statusUrl"]!).AbsoluteUri);
            Assert.Equal("Terminated", (string?)body["status"]);
        }

        Assert.Equal("Terminated", (string?)(await E2E.WaitForOperationAsync(world.Host!, operation))["status"]);
        Assert.Equal("Terminated", (string?)(await OperationAsync(world.Host!, first))!["status"]);
        await AssertUntouchedAsync(world, ns, before);
    }

    [Fact]
    public async Task Killing_the_host_in_the_middle_of_a_gateway_run_does_not_lose_it_and_leaves_complete_secrets_and_no_route()
    {
        var world = _world!;
        var ns = await GatewaySeeder.SeedAsync(world, "web", [
            GatewaySeeder.Http("http"),
            GatewaySeeder.Https("shop", "shop.gw-crash.example.test", "shop-tls"),
            GatewaySeeder.Https("api", "api.gw-crash.example.test", "api-tls"),
        ]);
        var before = await GatewayAssertions.SpecAsync(world, ns);
        var operation = await E2E.RequestGatewayAsync(world.Host!, ns, "web");

        // The first certificate's route is accepted and its sub-orchestration sits in its timer: crash the host there.
        await WaitForFirstCertificateHeldAsync(world.Host!, operation);
        Assert.Single(await GatewayAssertions.HttpRoutesAsync(world, ns));
        Assert.Empty(await GatewayAssertions.TlsSecretsAsync(world, ns));
        await world.Host!.KillAsync();

        await world.RestartHostAsync();
        var final = await E2E.WaitForOperationAsync(world.Host!, operation);

        Assert.True((string?)final["status"] == "Completed", E2E.Pretty(final) + "\n" + world.Host!.RecentOutput);
        await GatewayAssertions.AssertCertificateAsync(world, ns, "shop-tls", ["shop.gw-crash.example.test"]);
        await GatewayAssertions.AssertCertificateAsync(world, ns, "api-tls", ["api.gw-crash.example.test"]);
        Assert.Equal(before, await GatewayAssertions.SpecAsync(world, ns));
        Assert.Empty(await GatewayAssertions.HttpRoutesAsync(world, ns));
        Assert.Empty(world.Azurite.CreateBlobServiceClient().GetBlobContainerClient("acme-challenges").GetBlobs());

        // Exactly one certificate per Secret: one issued Event each.
        Assert.Equal(2, (await GatewayAssertions.GatewayEventsAsync(world, ns)).Count(e => (string?)e["reason"] == "CertificateIssued"));
    }

    [Fact]
    public async Task The_backend_strategy_routes_the_challenge_to_the_external_name_responder_with_a_host_rewrite_and_pebble_validates_through_it()
    {
        var world = _world!;
        var ns = await GatewaySeeder.SeedAsync(
            world,
            "web",
            [GatewaySeeder.Http("http"), GatewaySeeder.Https("shop", "shop.gw-backend.example.test", "shop-tls")],
            annotations: new Dictionary<string, string> { ["certfunctions.io/routing"] = "backend" });
        var before = await GatewayAssertions.SpecAsync(world, ns);
        var operation = await E2E.RequestGatewayAsync(world.Host!, ns, "web");

        // While the challenge is served: a backendRef to the ExternalName responder Service, with a URLRewrite of the host.
        await WaitForFirstCertificateHeldAsync(world.Host!, operation);
        var route = Assert.Single(await GatewayAssertions.HttpRoutesAsync(world, ns))!;
        var rule = Assert.Single(route["spec"]!["rules"]!.AsArray())!;
        Assert.Equal("Exact", (string?)rule["matches"]![0]!["path"]!["type"]);
        var backend = Assert.Single(rule["backendRefs"]!.AsArray())!;
        var service = await E2E.GetJsonAsync(world, "get", "service", (string)backend["name"]!, "-n", ns);
        Assert.Equal("ExternalName", (string?)service["spec"]!["type"]);
        Assert.Equal(world.HostSettings["Challenge:ResponderExternalName"], (string?)service["spec"]!["externalName"]);
        var rewrite = Assert.Single(rule["filters"]!.AsArray())!;
        Assert.Equal("URLRewrite", (string?)rewrite["type"]);
        Assert.Equal(world.HostSettings["Challenge:ResponderExternalName"], (string?)rewrite["urlRewrite"]!["hostname"]);
        Assert.Null(rule["filters"]!.AsArray().FirstOrDefault(f => (string?)f!["type"] == "RequestRedirect"));
        var parents = route["status"]!["parents"]!.AsArray();
        Assert.Contains(parents, p => p!["conditions"]!.AsArray().Any(c => (string?)c!["type"] == "Accepted" && (string?)c["status"] == "True"));

        var final = await E2E.WaitForOperationAsync(world.Host!, operation);

        Assert.True((string?)final["status"] == "Completed", E2E.Pretty(final) + "\n" + world.Host!.RecentOutput);
        await GatewayAssertions.AssertCertificateAsync(world, ns, "shop-tls", ["shop.gw-backend.example.test"]);
        Assert.Equal(before, await GatewayAssertions.SpecAsync(world, ns));
        Assert.Empty(await GatewayAssertions.HttpRoutesAsync(world, ns));
    }

    private static async Task AssertUntouchedAsync(LocalWorld world, string ns, string gatewaySpec)
    {
        Assert.Equal(gatewaySpec, await GatewayAssertions.SpecAsync(world, ns));
        Assert.Empty(await GatewayAssertions.HttpRoutesAsync(world, ns));
        Assert.Empty(await GatewayAssertions.TlsSecretsAsync(world, ns));
        Assert.Empty(world.Azurite.CreateBlobServiceClient().GetBlobContainerClient("acme-challenges").GetBlobs());
    }

    // Waits until the run names its certificate operations and the first one is held after its route was accepted;
    // returns the first two operation ids (the second may be null for a single-Secret Gateway).
    private static async Task<(string First, string? Second)> WaitForFirstCertificateHeldAsync(LocalHostProcess host, Uri operation)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var state = JsonNode.Parse(await host.Http.GetStringAsync(operation, timeout.Token))!;
            Assert.True((string?)state["status"] is "Pending" or "Running", state.ToJsonString());
            if (state["progress"]?["operations"] is JsonArray { Count: > 0 } operations)
            {
                var first = (string)operations[0]!;
                var child = await OperationAsync(host, first, timeout.Token);
                if ((string?)child?["progress"]?["step"] == "SelfChecking")
                {
                    return (first, operations.Count > 1 ? (string?)operations[1] : null);
                }
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    private static Uri OperationUri(string? id) => new("api/certificates/operations/" + Uri.EscapeDataString(id ?? "gw_missing"), UriKind.Relative);

    private static async Task<JsonObject?> OperationAsync(LocalHostProcess host, string id, CancellationToken cancellationToken = default)
    {
        using var response = await host.Http.GetAsync(OperationUri(id), cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
    }
}
