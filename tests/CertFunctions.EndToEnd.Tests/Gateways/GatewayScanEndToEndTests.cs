using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using CertFunctions.Core.Certificates;
using CertFunctions.EndToEnd.Tests.Issuance;
using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.EndToEnd.Tests.Gateways;

/// <summary>
/// The timers' side of Gateways (issue 17), with the admission webhook switched off: discovery (run through the host's admin
/// route, as the Functions host runs a timer) starts a run for a newly applied opted-in Gateway, real Pebble issues, and the
/// renewal scan renews the certificate once it is due, leaving no solver HTTPRoute behind.
/// </summary>
public sealed class GatewayScanEndToEndTests(GatewayScanEndToEndTests.World fixture) : IClassFixture<GatewayScanEndToEndTests.World>
{
    [Fact]
    public async Task Discovery_issues_for_a_newly_applied_gateway_and_the_renewal_scan_renews_only_its_due_secret()
    {
        var world = fixture.Local;
        var host = world.Host!;
        var ns = await GatewaySeeder.SeedAsync(world, "web", [
            GatewaySeeder.Http("http"),
            GatewaySeeder.Https("shop", "shop.gw-scan.example.test", "shop-tls"),
            GatewaySeeder.Https("blog", "blog.gw-scan.example.test", "blog-tls"),
        ], namespacePrefix: "gw-scan");
        var operation = new Uri("api/certificates/operations/" + CertificateRef.ForGateway("default", ns, "web").InstanceId, UriKind.Relative);

        // Nothing asked for this Gateway (no API call, no webhook): only discovery can start its run, and it is the
        // only opted-in object of this world.
        var discovered = await RunTimerAsync(host, "DiscoveryTimer");
        Assert.True((int)discovered["started"]! == 1, discovered.ToJsonString());
        var issued = await E2E.WaitForOperationAsync(host, operation);
        Assert.True((string?)issued["status"] == "Completed", E2E.Pretty(issued) + "\n" + host.RecentOutput);
        await GatewayAssertions.AssertCertificateAsync(world, ns, "shop-tls", ["shop.gw-scan.example.test"]);
        await GatewayAssertions.AssertCertificateAsync(world, ns, "blog-tls", ["blog.gw-scan.example.test"]);
        var shopSerial = await LeafSerialAsync(world, ns, "shop-tls");
        var blogSerial = await LeafSerialAsync(world, ns, "blog-tls");

        // Not due yet: the scan starts nothing for it.
        var idle = await E2E.RunTimerAsync(host);
        Assert.Equal(0, (int)idle["started"]!);

        // Make one Secret due, as time would: its planned renewal moves into the past.
        var due = await world.Emulator.RunKubectlAsync(
            "annotate", "secret", "shop-tls", "-n", ns, "--overwrite", "certfunctions.io/renew-after=2000-01-01T00:00:00Z");
        Assert.True(due.ExitCode == 0, due.StandardError);

        var scan = await E2E.RunTimerAsync(host);
        Assert.Equal(1, (int)scan["started"]!);
        var renewed = await E2E.WaitForNewRunAsync(host, operation, (string)issued["createdAt"]!);
        Assert.True((string?)renewed["status"] == "Completed", E2E.Pretty(renewed) + "\n" + host.RecentOutput);

        await GatewayAssertions.AssertCertificateAsync(world, ns, "shop-tls", ["shop.gw-scan.example.test"]);
        Assert.NotEqual(shopSerial, await LeafSerialAsync(world, ns, "shop-tls"));
        // The sibling was not due: renewing it too would spend an order against the CA's rate limits for nothing.
        Assert.Equal(blogSerial, await LeafSerialAsync(world, ns, "blog-tls"));
        Assert.Empty(await GatewayAssertions.HttpRoutesAsync(world, ns));
        var renewedEvents = (await GatewayAssertions.GatewayEventsAsync(world, ns)).Where(e => (string?)e["reason"] == "CertificateRenewed").ToList();
        Assert.True(renewedEvents.Count == 1, string.Join(Environment.NewLine, renewedEvents.Select(e => (string?)e["message"])));
        Assert.Contains("shop-tls", (string?)renewedEvents[0]["message"], StringComparison.Ordinal);
    }

    private static async Task<JsonObject> RunTimerAsync(LocalHostProcess host, string timer)
    {
        using var response = await host.Http.PostAsync(new Uri("admin/functions/" + timer, UriKind.Relative), null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private static async Task<string> LeafSerialAsync(LocalWorld world, string ns, string secretName)
    {
        var secret = await E2E.GetJsonAsync(world, "get", "secret", secretName, "-n", ns);
        using var leaf = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(Convert.FromBase64String((string)secret["data"]!["tls.crt"]!)));
        return leaf.SerialNumber;
    }

    /// <summary>A local world of its own, with the admission webhook off: discovery looks at every object of the cluster.</summary>
    public sealed class World : IAsyncLifetime
    {
        /// <summary>The world.</summary>
        public LocalWorld Local { get; private set; } = null!;

        /// <inheritdoc />
        public async Task InitializeAsync() =>
            Local = await LocalWorld.StartAsync(new LocalWorldOptions { Settings = new Dictionary<string, string> { ["AdmissionWebhook:Enabled"] = "false" } });

        /// <inheritdoc />
        public async Task DisposeAsync() => await Local.DisposeAsync();
    }
}
