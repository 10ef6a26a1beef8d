using System.Net;
using System.Text.Json.Nodes;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Orchestration.Activities;
using CertFunctions.EndToEnd.Tests.Idempotence;
using CertFunctions.EndToEnd.Tests.Issuance;
using CertFunctions.Testing.LocalWorld;

namespace CertFunctions.EndToEnd.Tests.Gateways;

[Collection(LocalWorldCollection.Name)]
public sealed class GatewayIssuanceEndToEndTests(LocalWorldFixture fixture)
{
    [Fact]
    public async Task A_gateway_with_two_https_listeners_gets_a_verified_certificate_per_secret_through_a_redirect_route_that_is_removed_afterwards_and_serves_each_over_tls()
    {
        var world = fixture.World;
        var ns = await GatewaySeeder.SeedAsync(world, "web", [
            GatewaySeeder.Http("http"),
            GatewaySeeder.Https("shop", "shop.gw-redirect.example.test", "shop-tls"),
            GatewaySeeder.Https("api", "api.gw-redirect.example.test", "api-tls"),
            GatewaySeeder.Https("wild", "*.gw-redirect.example.test", "wild-tls"),
        ]);
        var before = await GatewaySpecAsync(world, ns);

        var final = await RequestAndWaitAsync(ns, "web");

        Assert.True((string?)final["status"] == "Completed", E2E.Pretty(final) + "\n" + fixture.Host.RecentOutput);
        await GatewayAssertions.AssertCertificateAsync(world, ns, "shop-tls", ["shop.gw-redirect.example.test"]);
        await GatewayAssertions.AssertCertificateAsync(world, ns, "api-tls", ["api.gw-redirect.example.test"]);
        Assert.Equal(before, await GatewaySpecAsync(world, ns));
        var routes = await E2E.GetJsonAsync(world, "get", "httproutes", "-n", ns);
        Assert.Empty(routes["items"]!.AsArray());
        Assert.Empty(world.Azurite.CreateBlobServiceClient().GetBlobContainerClient("acme-challenges").GetBlobs());

        // Each Secret keeps its own state (outcome, back-off), apart from any Ingress of the same name.
        var states = world.Azurite.CreateBlobServiceClient().GetBlobContainerClient("certfunctions-state")
            .GetBlobs(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"certificates/default/{ns}/", CancellationToken.None).Select(b => b.Name).Order(StringComparer.Ordinal);
        Assert.Equal([$"certificates/default/{ns}/gateways/web/{ns}/api-tls.json", $"certificates/default/{ns}/gateways/web/{ns}/shop-tls.json"], states);

        // Events land on the Gateway: one per certificate, and the wildcard listener is reported, never skipped silently.
        var events = (await E2E.GetJsonAsync(world, "get", "events", "-n", ns))["items"]!.AsArray()
            .Where(e => (string?)e!["involvedObject"]!["kind"] == "Gateway" && (string?)e["involvedObject"]!["name"] == "web")
            .Select(e => (string)e!["reason"]!)
            .ToList();
        Assert.Equal(2, events.Count(r => r == "CertificateIssued"));
        Assert.Contains("ListenerWildcardHostname", events);

        // What users see: each HTTPS listener, picked by SNI, presents the issued certificate and passes requests on.
        await GatewayAssertions.AssertServedOverTlsAsync(world, fixture.Host, ns, [("shop", "shop.gw-redirect.example.test", "shop-tls"), ("api", "api.gw-redirect.example.test", "api-tls")]);
    }

    [Fact]
    public async Task Listeners_sharing_a_secret_share_one_certificate_with_both_hostnames()
    {
        var world = fixture.World;
        var ns = await GatewaySeeder.SeedAsync(world, "web", [
            GatewaySeeder.Http("http"),
            GatewaySeeder.Https("a", "a.gw-shared.example.test", "shared-tls"),
            GatewaySeeder.Https("b", "b.gw-shared.example.test", "shared-tls"),
        ]);

        var final = await RequestAndWaitAsync(ns, "web");

        Assert.True((string?)final["status"] == "Completed", E2E.Pretty(final) + "\n" + fixture.Host.RecentOutput);
        await GatewayAssertions.AssertCertificateAsync(world, ns, "shared-tls", ["a.gw-shared.example.test", "b.gw-shared.example.test"]);
    }

    [Fact]
    public async Task The_list_shows_each_gateway_certificate_with_kind_and_listener_hostnames_until_a_run_finds_the_gateway_deleted()
    {
        var world = fixture.World;
        var ns = await GatewaySeeder.SeedAsync(world, "web", [
            GatewaySeeder.Http("http"),
            GatewaySeeder.Https("shop", "shop.gw-list.example.test", "shop-tls"),
            GatewaySeeder.Https("shop-www", "www.gw-list.example.test", "shop-tls"),
            GatewaySeeder.Https("api", "api.gw-list.example.test", "api-tls"),
        ]);
        var final = await RequestAndWaitAsync(ns, "web");
        Assert.True((string?)final["status"] == "Completed", E2E.Pretty(final) + "\n" + fixture.Host.RecentOutput);

        var listed = await ListedAsync(ns);
        Assert.Equal(["api-tls", "shop-tls"], listed.Select(i => (string)i["secretName"]!).Order(StringComparer.Ordinal));
        Assert.All(listed, i => Assert.Equal(("Gateway", "web", "Succeeded"), ((string?)i["kind"], (string?)i["name"], (string?)i["lastOutcome"])));
        var shop = listed.Single(i => (string?)i["secretName"] == "shop-tls");
        Assert.Equal(["shop.gw-list.example.test", "www.gw-list.example.test"], shop["hosts"]!.AsArray().Select(h => (string)h!).Order(StringComparer.Ordinal));
        Assert.Equal("Gateway", (string?)shop["certificate"]!["kind"]);

        // The Gateway is deleted; the next attempt to read it (as the first step of a run does) fails with NotFound and
        // drops its certificates from the list; the Secrets stay. Twice gives the same outcome.
        var deleted = await world.Emulator.RunKubectlAsync("delete", "gateway", "web", "-n", ns);
        Assert.True(deleted.ExitCode == 0, deleted.StandardError);
        using var steps = new IssuanceSteps(world);
        var gateway = CertificateRef.ForGateway("default", ns, "web");
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await Assert.ThrowsAsync<GatewayNotFoundException>(() => steps.RunAsync<ReadGatewayActivity, CertificateRef, GatewayIssuancePlan>(gateway, gateway));
            Assert.Empty(await ListedAsync(ns));
        }

        Assert.Equal(["api-tls", "shop-tls"], (await GatewayAssertions.TlsSecretsAsync(world, ns)).Order(StringComparer.Ordinal));
    }

    private async Task<List<JsonNode>> ListedAsync(string ns) =>
        [.. JsonNode.Parse(await fixture.Host.Http.GetStringAsync(new Uri("api/certificates", UriKind.Relative)))!["certificates"]!.AsArray()
            .Where(i => (string?)i!["certificate"]!["namespace"] == ns)
            .Select(i => i!)];

    [Fact]
    public async Task Bad_gateway_requests_get_problem_answers_and_change_nothing()
    {
        var world = fixture.World;
        var noHttp = await GatewaySeeder.SeedAsync(world, "web", [GatewaySeeder.Https("shop", "shop.gw-nohttp.example.test", "shop-tls")]);
        var optedOut = await GatewaySeeder.SeedAsync(world, "web", [GatewaySeeder.Http("http"), GatewaySeeder.Https("shop", "shop.gw-out.example.test", "shop-tls")], optIn: false);
        var onlyWildcard = await GatewaySeeder.SeedAsync(world, "web", [GatewaySeeder.Http("http"), GatewaySeeder.Https("wild", "*.gw-wild.example.test", "wild-tls")]);

        var (noHttpStatus, noHttpProblem) = await RequestAsync(noHttp, "web");
        var (outStatus, outProblem) = await RequestAsync(optedOut, "web");
        var (wildStatus, wildProblem) = await RequestAsync(onlyWildcard, "web");
        var (missingStatus, missingProblem) = await RequestAsync(noHttp, "absent");
        var (bothStatus, bothProblem) = await PostAsync(new { @namespace = noHttp, gateway = "web", ingress = "web" });

        // The forced renewal's route answers the same way, and checks its own names.
        var (renewOutStatus, renewOutProblem) = await RenewAsync("default", optedOut, "web");
        var (renewMissingStatus, renewMissingProblem) = await RenewAsync("default", noHttp, "absent");
        var (renewBadStatus, renewBadProblem) = await RenewAsync("nowhere", noHttp, "Not_A_Name");

        Assert.Equal((HttpStatusCode.BadRequest, "The Gateway cannot be served"), (noHttpStatus, (string?)noHttpProblem["title"]));
        Assert.Contains("no HTTP listener on port 80", (string?)noHttpProblem["detail"], StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, "The Gateway does not opt in"), (outStatus, (string?)outProblem["title"]));
        Assert.Equal(HttpStatusCode.BadRequest, wildStatus);
        Assert.Contains("wildcard", (string?)wildProblem["detail"], StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.NotFound, "Gateway not found"), (missingStatus, (string?)missingProblem["title"]));
        Assert.Equal(HttpStatusCode.BadRequest, bothStatus);
        Assert.NotNull(bothProblem["errors"]!["gateway"]);
        Assert.Equal((HttpStatusCode.BadRequest, "The Gateway does not opt in"), (renewOutStatus, (string?)renewOutProblem["title"]));
        Assert.Equal((HttpStatusCode.NotFound, "Gateway not found"), (renewMissingStatus, (string?)renewMissingProblem["title"]));
        Assert.Equal((HttpStatusCode.BadRequest, "Invalid renewal request"), (renewBadStatus, (string?)renewBadProblem["title"]));
        Assert.NotNull(renewBadProblem["errors"]!["gateway"]);
        Assert.NotNull(renewBadProblem["errors"]!["cluster"]);
        foreach (var ns in new[] { noHttp, optedOut, onlyWildcard })
        {
            Assert.Empty((await E2E.GetJsonAsync(world, "get", "httproutes", "-n", ns))["items"]!.AsArray());
            Assert.DoesNotContain((await E2E.GetJsonAsync(world, "get", "secrets", "-n", ns))["items"]!.AsArray(), s => (string?)s!["type"] == "kubernetes.io/tls");
        }
    }

    private async Task<JsonObject> RequestAndWaitAsync(string ns, string gateway)
    {
        using var response = await fixture.Host.RequestGatewayCertificatesAsync(ns, gateway);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"expected 202, got {(int)response.StatusCode}: {body}");
        Assert.StartsWith("gw_", (string?)JsonNode.Parse(body)!["id"], StringComparison.Ordinal);
        return await E2E.WaitForOperationAsync(fixture.Host, response.Headers.Location!);
    }

    private async Task<(HttpStatusCode Status, JsonObject Problem)> RequestAsync(string ns, string gateway)
    {
        using var response = await fixture.Host.RequestGatewayCertificatesAsync(ns, gateway);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private async Task<(HttpStatusCode Status, JsonObject Problem)> RenewAsync(string cluster, string ns, string gateway)
    {
        using var response = await fixture.Host.Http.PostAsync(new Uri($"api/certificates/{cluster}/{ns}/gateways/{gateway}/renew", UriKind.Relative), null);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private async Task<(HttpStatusCode Status, JsonObject Problem)> PostAsync(object body)
    {
        using var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(fixture.Host.Http, "api/certificates", body);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static async Task<string> GatewaySpecAsync(LocalWorld world, string ns) =>
        E2E.Pretty((await E2E.GetJsonAsync(world, "get", "gateway", "web", "-n", ns))["spec"]!);
}
