using System.Text.Json.Nodes;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Orchestration;
using CertFunctions.Testing.LocalWorld;
using CertFunctions.Testing.Pebble;

namespace CertFunctions.Core.Tests.Orchestration;

/// <summary>A Gateway's run under real replay: the Secrets it is told are due, and nothing else, each with its own ARI id.</summary>
public sealed partial class IssueCertificateOrchestratorTests
{
    [Fact]
    public async Task A_gateway_run_issues_only_its_due_secrets_and_each_order_names_the_certificate_it_replaces()
    {
        // The CA advertises renewalInfo, so the client sends replaces (this Pebble ignores the field; the request is the proof).
        _world.Ca.ReplaceAnswers(exchange => exchange.Method == "GET" && exchange.Path == "/dir" && exchange.StatusCode == 200
            ? new PebbleReplacement(200, WithRenewalInfo(exchange.AnswerBody), "application/json", new Dictionary<string, string>())
            : null);
        var ns = await GatewaySeeder.SeedAsync(_world.World, "web", [
            GatewaySeeder.Http("http"),
            GatewaySeeder.Https("a", "a.gw-due.orch.test", "a-tls"),
            GatewaySeeder.Https("b", "b.gw-due.orch.test", "b-tls"),
        ], namespacePrefix: "orch-gw");
        const string replaces = "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE";

        var run = await _world.RunAsync(new IssueCertificateRequest(
            CertificateRef.ForGateway("default", ns, "web"), IssuanceReason.Renewal, Due: [new DueSecret($"{ns}/b-tls", IssuanceReason.Renewal, replaces)]));

        AssertCompleted(run);
        Assert.NotNull(await _world.GetAsync(ns, "secret", "b-tls"));
        Assert.Null(await _world.GetAsync(ns, "secret", "a-tls"));
        var order = JsonNode.Parse(Assert.Single(_world.CaExchanges, e => e.Method == "POST" && e.Path == "/order-plz" && e.StatusCode == 201).Payload!)!;
        Assert.Equal(["b.gw-due.orch.test"], order["identifiers"]!.AsArray().Select(i => (string)i!["value"]!));
        Assert.Equal(replaces, (string?)order["replaces"]);
    }

    private string WithRenewalInfo(string directory)
    {
        var json = JsonNode.Parse(directory)!.AsObject();
        json["renewalInfo"] = $"https://127.0.0.1:{_world.Ca.Port}/renewal-info";
        return json.ToJsonString();
    }
}
