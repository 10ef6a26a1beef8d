using System.Text.Json.Nodes;
using CertFunctions.Core.Kubernetes.Routing.HttpRoutes;

namespace CertFunctions.Core.Tests.Kubernetes.Routing.HttpRoutes;

public sealed class RouteAcceptanceTests
{
    [Fact]
    public void A_route_is_accepted_only_when_every_listener_accepted_its_current_generation()
    {
        var both = Route(2, Parent("http", "True", "Accepted", 2), Parent("http-alt", "True", "Accepted", 2));
        var one = Route(2, Parent("http", "True", "Accepted", 2));
        var stale = Route(2, Parent("http", "True", "Accepted", 1), Parent("http-alt", "True", "Accepted", 2));

        Assert.True(RouteAcceptance.Judge(both, "web", ["http", "http-alt"]).Accepted);
        Assert.False(RouteAcceptance.Judge(one, "web", ["http", "http-alt"]).Accepted);
        Assert.Contains("http-alt", RouteAcceptance.Judge(one, "web", ["http", "http-alt"]).PendingReason, StringComparison.Ordinal);
        var verdict = RouteAcceptance.Judge(stale, "web", ["http", "http-alt"]);
        Assert.False(verdict.Accepted);
        Assert.Null(verdict.RefusedReason);
    }

    [Fact]
    public void A_refusal_carries_the_controllers_reason_and_message()
    {
        var verdict = RouteAcceptance.Judge(Route(1, Parent("http", "False", "NotAllowedByListeners", 1, "no listener allows this route")), "web", ["http"]);

        Assert.False(verdict.Accepted);
        Assert.Equal("NotAllowedByListeners", verdict.RefusedReason);
        Assert.Equal("listener http: no listener allows this route", verdict.RefusedMessage);
    }

    [Fact]
    public void Status_for_another_gateway_does_not_count()
    {
        var route = Route(1, Parent("http", "True", "Accepted", 1));
        route["status"]!["parents"]![0]!["parentRef"]!["name"] = "other";

        var verdict = RouteAcceptance.Judge(route, "web", ["http"]);

        Assert.False(verdict.Accepted);
        Assert.NotNull(verdict.PendingReason);
    }

    private static JsonObject Route(long generation, params JsonObject[] parents) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = "r", ["generation"] = generation },
        ["status"] = new JsonObject { ["parents"] = new JsonArray([.. parents]) },
    };

    private static JsonObject Parent(string section, string status, string reason, long observed, string message = "m") => new()
    {
        ["parentRef"] = new JsonObject { ["group"] = "gateway.networking.k8s.io", ["kind"] = "Gateway", ["name"] = "web", ["sectionName"] = section },
        ["controllerName"] = "example.com/c",
        ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Accepted", ["status"] = status, ["reason"] = reason, ["message"] = message, ["observedGeneration"] = observed }),
    };
}
