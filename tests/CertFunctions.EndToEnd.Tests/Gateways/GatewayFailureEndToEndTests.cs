using System.Net.Http.Json;
using CertFunctions.EndToEnd.Tests.Issuance;
using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.EndToEnd.Tests.Gateways;

[Collection(LocalWorldCollection.Name)]
public sealed class GatewayFailureEndToEndTests(LocalWorldFixture fixture)
{
    [Fact]
    public async Task A_ca_failure_for_one_secret_leaves_the_gateway_as_it_was_and_the_other_secret_is_still_issued()
    {
        var world = fixture.World;
        const string down = "down.gw-failure.example.test";
        using (var dns = new HttpClient())
        {
            // The CA resolves this name to an address where nothing listens; our self-check (through the front) passes.
            using var added = await dns.PostAsJsonAsync($"http://127.0.0.1:{world.Pebble.DnsManagementPort}/add-a", new { host = down, addresses = new[] { "127.0.0.2" } });
            Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        }

        var ns = await GatewaySeeder.SeedAsync(world, "web", [
            GatewaySeeder.Http("http"),
            GatewaySeeder.Https("down", down, "down-tls"),
            GatewaySeeder.Https("up", "up.gw-failure.example.test", "up-tls"),
        ]);
        var before = await SpecAsync(world, ns);

        var final = await E2E.WaitForOperationAsync(fixture.Host, await E2E.RequestGatewayAsync(fixture.Host, ns, "web"));

        Assert.Equal("Failed", (string?)final["status"]);
        var failure = (string?)final["failure"];
        Assert.Contains($"1 of 2 certificates of Gateway '{ns}/web' failed", failure, StringComparison.Ordinal);
        Assert.Contains($"Secret {ns}/down-tls: The CA could not validate", failure, StringComparison.Ordinal);
        Assert.Equal(before, await SpecAsync(world, ns));
        Assert.Empty((await E2E.GetJsonAsync(world, "get", "httproutes", "-n", ns))["items"]!.AsArray());
        var secrets = (await E2E.GetJsonAsync(world, "get", "secrets", "-n", ns))["items"]!.AsArray().Select(s => (string)s!["metadata"]!["name"]!).ToList();
        Assert.Contains("up-tls", secrets);
        Assert.DoesNotContain("down-tls", secrets);
        var reasons = await GatewayEventReasonsAsync(world, ns);
        Assert.Contains("IssuanceFailed", reasons);
        Assert.Contains("CertificateIssued", reasons);
    }

    [Fact]
    public async Task A_secret_in_another_namespace_is_written_there_with_a_reference_grant_and_reported_without_one()
    {
        var world = fixture.World;
        var granted = await world.Emulator.CreateNamespaceAsync("gw-granted");
        var refused = await world.Emulator.CreateNamespaceAsync("gw-refused");
        var ns = await GatewaySeeder.SeedAsync(world, "web", [
            GatewaySeeder.Http("http"),
            GatewaySeeder.Https("granted", "granted.gw-xns.example.test", "shop-tls", secretNamespace: granted),
            GatewaySeeder.Https("refused", "refused.gw-xns.example.test", "shop-tls", secretNamespace: refused),
        ]);
        var grant = $"""
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: ReferenceGrant
            metadata:
              name: gateways-of-{ns}
              namespace: {granted}
            spec:
              from:
                - group: gateway.networking.k8s.io
                  kind: Gateway
                  namespace: {ns}
              to:
                - group: ""
                  kind: Secret
            """;
        var applied = await world.Emulator.RunKubectlWithInputAsync(grant, "apply", "-f", "-");
        Assert.True(applied.ExitCode == 0, applied.StandardError);

        var final = await E2E.WaitForOperationAsync(fixture.Host, await E2E.RequestGatewayAsync(fixture.Host, ns, "web"));

        Assert.True((string?)final["status"] == "Completed", E2E.Pretty(final) + "\n" + fixture.Host.RecentOutput);
        var secret = await E2E.GetJsonAsync(world, "get", "secret", "shop-tls", "-n", granted);
        Assert.Equal("kubernetes.io/tls", (string?)secret["type"]);
        Assert.Equal("granted.gw-xns.example.test", (string?)secret["metadata"]!["annotations"]!["certfunctions.io/domains"]);
        Assert.Empty((await E2E.GetJsonAsync(world, "get", "secrets", "-n", refused))["items"]!.AsArray());
        Assert.Contains("ListenerCertificateRefNotPermitted", await GatewayEventReasonsAsync(world, ns));
    }

    [Fact]
    public async Task A_route_the_controller_does_not_accept_fails_with_its_reason_before_the_ca_is_asked_and_is_removed()
    {
        var world = fixture.World;
        var ns = await GatewaySeeder.SeedAsync(world, "web", [
            GatewaySeeder.Http("http") + "\n  allowedRoutes:\n    namespaces:\n      from: Selector\n      selector:\n        matchLabels:\n          no-such: label",
            GatewaySeeder.Https("shop", "shop.gw-refused-route.example.test", "shop-tls"),
        ]);

        var final = await E2E.WaitForOperationAsync(fixture.Host, await E2E.RequestGatewayAsync(fixture.Host, ns, "web"));

        Assert.Equal("Failed", (string?)final["status"]);
        Assert.Contains("NotAllowedByListeners", (string?)final["failure"], StringComparison.Ordinal);
        Assert.Contains("The CA was not asked", (string?)final["failure"], StringComparison.Ordinal);
        Assert.Empty((await E2E.GetJsonAsync(world, "get", "httproutes", "-n", ns))["items"]!.AsArray());
        Assert.Empty((await E2E.GetJsonAsync(world, "get", "secrets", "-n", ns))["items"]!.AsArray());
        Assert.Contains("IssuanceFailed", await GatewayEventReasonsAsync(world, ns));
    }

    [Fact]
    public async Task A_secret_an_ingress_owns_is_left_to_it_the_gateway_gets_a_warning_naming_the_owner_and_issues_only_its_own()
    {
        var world = fixture.World;
        var ns = await E2E.SeedIngressAsync(world, "web", ["shop.gw-owner.example.test"], new Dictionary<string, string> { ["certfunctions.io/secret-name"] = "shared-tls" });
        var first = await E2E.WaitForOperationAsync(fixture.Host, await E2E.RequestAsync(fixture.Host, ns, "web"));
        Assert.True((string?)first["status"] == "Completed", E2E.Pretty(first) + "\n" + fixture.Host.RecentOutput);
        var owned = await E2E.GetJsonAsync(world, "get", "secret", "shared-tls", "-n", ns);
        Assert.Equal($"Ingress/{ns}/web", (string?)owned["metadata"]!["annotations"]!["certfunctions.io/owner"]);

        // A Gateway naming only that Secret is refused at once, naming the owner.
        await GatewaySeeder.SeedAsync(world, "only", [GatewaySeeder.Http("http"), GatewaySeeder.Https("shop", "shop.gw-owner.example.test", "shared-tls")], inNamespace: ns);
        using (var refused = await fixture.Host.RequestGatewayCertificatesAsync(ns, "only"))
        {
            var problem = System.Text.Json.Nodes.JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
            Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains($"owned by Ingress {ns}/web", (string?)problem["detail"], StringComparison.Ordinal);
        }

        // A Gateway naming it and a Secret of its own: its own is issued, the Ingress's is left as it was, with a Warning.
        await GatewaySeeder.SeedAsync(world, "mixed", [
            GatewaySeeder.Http("http"),
            GatewaySeeder.Https("shop", "shop.gw-owner.example.test", "shared-tls"),
            GatewaySeeder.Https("api", "api.gw-owner.example.test", "api-tls"),
        ], inNamespace: ns);
        var final = await E2E.WaitForOperationAsync(fixture.Host, await E2E.RequestGatewayAsync(fixture.Host, ns, "mixed"));

        Assert.True((string?)final["status"] == "Completed", E2E.Pretty(final) + "\n" + fixture.Host.RecentOutput);
        await GatewayAssertions.AssertCertificateAsync(world, ns, "api-tls", ["api.gw-owner.example.test"], gateway: "mixed");
        var after = await E2E.GetJsonAsync(world, "get", "secret", "shared-tls", "-n", ns);
        Assert.Equal(E2E.Pretty(owned["data"]!), E2E.Pretty(after["data"]!));
        Assert.Equal(E2E.Pretty(owned["metadata"]!["annotations"]!), E2E.Pretty(after["metadata"]!["annotations"]!));
        var warning = Assert.Single(await GatewayAssertions.GatewayEventsAsync(world, ns, "mixed"), e => (string?)e["reason"] == "SecretOwnedByOther");
        Assert.Equal("Warning", (string?)warning["type"]);
        Assert.Contains($"Secret {ns}/shared-tls is owned by Ingress {ns}/web", (string?)warning["message"], StringComparison.Ordinal);
        Assert.Empty(await GatewayAssertions.HttpRoutesAsync(world, ns));
    }

    private static async Task<string> SpecAsync(LocalWorld world, string ns) =>
        E2E.Pretty((await E2E.GetJsonAsync(world, "get", "gateway", "web", "-n", ns))["spec"]!);

    private static async Task<List<string>> GatewayEventReasonsAsync(LocalWorld world, string ns) =>
        [.. (await E2E.GetJsonAsync(world, "get", "events", "-n", ns))["items"]!.AsArray()
            .Where(e => (string?)e!["involvedObject"]!["kind"] == "Gateway")
            .Select(e => (string)e!["reason"]!)];
}
