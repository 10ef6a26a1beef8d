using System.Text.Json.Nodes;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Routing.HttpRoutes;

namespace CertFunctions.Core.Tests.Kubernetes.Routing.HttpRoutes;

public sealed class SolverHttpRouteBuilderTests
{
    private static readonly CertificateRef Web = CertificateRef.ForGateway("prod", "shop", "web");

    [Fact]
    public void A_redirect_route_matches_each_token_path_exactly_and_redirects_to_the_responder_over_https()
    {
        var route = SolverHttpRouteBuilder.Build(Web, ["http"], ["www.example.com", "api.example.com"], ["tokA", "tokB"], SolverHttpRouteTarget.Redirect(new Uri("https://myapp.azurewebsites.net")));

        Assert.Equal("HTTPRoute", (string?)route["kind"]);
        Assert.Equal("shop", (string?)route["metadata"]!["namespace"]);
        Assert.Equal(SolverHttpRouteBuilder.NameFor(Web), (string?)route["metadata"]!["name"]);
        Assert.Equal("web", (string?)route["metadata"]!["labels"]![SolverHttpRouteBuilder.GatewayLabel]);
        Assert.Equal("""[{"group":"gateway.networking.k8s.io","kind":"Gateway","name":"web","sectionName":"http"}]""", route["spec"]!["parentRefs"]!.ToJsonString());
        Assert.Equal("""["www.example.com","api.example.com"]""", route["spec"]!["hostnames"]!.ToJsonString());
        var rule = Assert.Single(route["spec"]!["rules"]!.AsArray())!;
        Assert.Equal(
            """[{"path":{"type":"Exact","value":"/.well-known/acme-challenge/tokA"}},{"path":{"type":"Exact","value":"/.well-known/acme-challenge/tokB"}}]""",
            rule["matches"]!.ToJsonString());
        Assert.Equal(
            """[{"type":"RequestRedirect","requestRedirect":{"hostname":"myapp.azurewebsites.net","statusCode":302,"scheme":"https"}}]""",
            rule["filters"]!.ToJsonString());
        Assert.Null(rule["backendRefs"]);
    }

    [Fact]
    public void A_plain_http_responder_needs_only_core_redirect_fields_and_a_local_port_is_kept()
    {
        var plain = Filter(SolverHttpRouteBuilder.Build(Web, ["http"], ["a.example.com"], ["t"], SolverHttpRouteTarget.Redirect(new Uri("http://responder.example.com"))));
        var local = Filter(SolverHttpRouteBuilder.Build(Web, ["http"], ["a.example.com"], ["t"], SolverHttpRouteTarget.Redirect(new Uri("http://responder.test:7071"))));

        Assert.Equal("""{"hostname":"responder.example.com","statusCode":302}""", plain.ToJsonString());
        Assert.Equal("""{"hostname":"responder.test","statusCode":302,"port":7071}""", local.ToJsonString());
    }

    [Fact]
    public void A_backend_route_points_at_the_responder_service_and_rewrites_the_host_for_an_external_name()
    {
        var route = SolverHttpRouteBuilder.Build(Web, ["http"], ["a.example.com"], ["t"], SolverHttpRouteTarget.Backend("certfunctions-responder", 443, "myapp.azurewebsites.net"));
        var plain = SolverHttpRouteBuilder.Build(Web, ["http"], ["a.example.com"], ["t"], SolverHttpRouteTarget.Backend("certfunctions-responder", 80, null));

        var rule = route["spec"]!["rules"]![0]!;
        Assert.Equal("""[{"name":"certfunctions-responder","port":443}]""", rule["backendRefs"]!.ToJsonString());
        Assert.Equal("""[{"type":"URLRewrite","urlRewrite":{"hostname":"myapp.azurewebsites.net"}}]""", rule["filters"]!.ToJsonString());
        Assert.Null(plain["spec"]!["rules"]![0]!["filters"]);
    }

    [Fact]
    public void Tokens_beyond_the_matches_one_rule_may_hold_go_to_further_rules()
    {
        var tokens = Enumerable.Range(0, SolverHttpRouteBuilder.MatchesPerRule + 6).Select(i => $"tok{i}").ToList();

        var rules = SolverHttpRouteBuilder.Build(Web, ["http"], ["a.example.com"], tokens, SolverHttpRouteTarget.Redirect(new Uri("https://x.example.com")))["spec"]!["rules"]!.AsArray();

        Assert.Equal([SolverHttpRouteBuilder.MatchesPerRule, 6], rules.Select(r => r!["matches"]!.AsArray().Count));
        Assert.All(rules, r => Assert.NotNull(r!["filters"]));
    }

    private static JsonNode Filter(JsonObject route) => route["spec"]!["rules"]![0]!["filters"]![0]!["requestRedirect"]!;
}
