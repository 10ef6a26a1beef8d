using System.Text.Json.Nodes;
using KubeApiEmulator.Api;
using KubeApiEmulator.Routing;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Tests.Unit;

public sealed class SelectorAndRoutingTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "front" };

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app==web,tier=front", true)]
    [InlineData("app!=web", false)]
    [InlineData("app in (web, api)", true)]
    [InlineData("app notin (web)", false)]
    [InlineData("tier", true)]
    [InlineData("!tier", false)]
    [InlineData("missing!=x", true)]
    [InlineData("", true)]
    public void Label_selectors_match_like_the_real_server(string selector, bool matches) =>
        Assert.Equal(matches, LabelSelector.Parse(selector).Matches(Labels));

    [Fact]
    public void An_unsupported_field_selector_is_a_bad_request()
    {
        var error = Assert.Throws<StatusException>(() => FieldSelector.Parse("spec.rules=x", "ingresses"));

        Assert.Equal(400, error.Code);
        Assert.Equal("field label not supported: spec.rules", error.Message);
    }

    [Theory]
    [InlineData("Prefix", "/", "/anything", true)]
    [InlineData("Prefix", "/foo", "/foo", true)]
    [InlineData("Prefix", "/foo/", "/foo", true)]
    [InlineData("Prefix", "/foo", "/foo/bar", true)]
    [InlineData("Prefix", "/foo", "/foobar", false)]
    [InlineData("Exact", "/foo", "/foo", true)]
    [InlineData("Exact", "/foo", "/foo/", false)]
    [InlineData("ImplementationSpecific", "/foo", "/foobar", true)]
    [InlineData("ImplementationSpecific", "", "/x", true)]
    public void Paths_match_per_path_type(string pathType, string rulePath, string requestPath, bool matches) =>
        Assert.Equal(matches, PathMatcher.Matches(pathType, rulePath, requestPath));

    [Fact]
    public void Route_table_prefers_exact_hosts_then_wildcards_then_rules_without_host()
    {
        var table = RouteTable.Build(
        [
            Ingress("any", null),
            Ingress("wild", "*.example.test"),
            Ingress("exact", "www.example.test"),
        ]);

        Assert.Equal("exact", table.Match("WWW.example.test", "/")!.IngressName);
        Assert.Equal("wild", table.Match("api.example.test", "/")!.IngressName);
        Assert.Equal("any", table.Match("a.b.example.test", "/")!.IngressName);
        Assert.Equal("any", table.Match("other.test", "/")!.IngressName);
    }

    private static JsonObject Ingress(string name, string? host)
    {
        var rule = new JsonObject
        {
            ["http"] = new JsonObject
            {
                ["paths"] = new JsonArray(new JsonObject
                {
                    ["path"] = "/",
                    ["pathType"] = "Prefix",
                    ["backend"] = new JsonObject { ["service"] = new JsonObject { ["name"] = "web", ["port"] = new JsonObject { ["number"] = 80 } } },
                }),
            },
        };
        if (host is not null)
        {
            rule["host"] = host;
        }

        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "ns", ["creationTimestamp"] = "2026-01-01T00:00:00Z" },
            ["spec"] = new JsonObject { ["rules"] = new JsonArray(rule) },
        };
    }
}
