using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KubeApiEmulator.Schema.Crd;
using static KubeApiEmulator.Schema.Crd.CrdSchemaBuilder;
using static KubeApiEmulator.Validation.Gateway.CelFunctions;

namespace KubeApiEmulator.Validation.Gateway;

/// <summary>The spec schema of gateway.networking.k8s.io/v1 HTTPRoute (standard channel v1.2), with its CEL rules.</summary>
internal static class HttpRouteSchema
{
    private const string PrefixTypes = "when type one of ['Exact', 'PathPrefix']";

    private static readonly CrdSchema ParentRef = Obj(
            ("group", GatewayApiRefs.Group.Defaults("\"gateway.networking.k8s.io\"")),
            ("kind", GatewayApiRefs.Kind.Defaults("\"Gateway\"")),
            ("name", GatewayApiRefs.Name),
            ("namespace", GatewayApiRefs.Namespace),
            ("port", GatewayApiRefs.Port),
            ("sectionName", Str(253, 1, GatewayApiPatterns.Subdomain)))
        .Requires("name");

    private static readonly CrdSchema PathMatch = PathRules(Obj(
            ("type", Enum("Exact", "PathPrefix", "RegularExpression").Defaults("\"PathPrefix\"")),
            ("value", Str(1024).Defaults("\"/\"")))
        .Defaults("""{"type":"PathPrefix","value":"/"}"""));

    private static readonly CrdSchema NameValueMatch = Obj(
            ("name", Str(256, 1, GatewayApiPatterns.HeaderName)),
            ("type", Enum("Exact", "RegularExpression").Defaults("\"Exact\"")),
            ("value", Str(4096, 1)))
        .Requires("name", "value");

    private static readonly CrdSchema Match = Obj(
        ("headers", Arr(NameValueMatch, 16).MapList("name")),
        ("method", Enum("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH")),
        ("path", PathMatch),
        ("queryParams", Arr(NameValueMatch with { Properties = new Dictionary<string, CrdSchema>(NameValueMatch.Properties) { ["value"] = Str(1024, 1) } }, 16).MapList("name")));

    private static readonly CrdSchema RouteRule = Obj(
            ("backendRefs", Arr(HttpRouteFilterSchema.BackendRef(("filters", HttpRouteFilterSchema.List), ("weight", Int(0, 1000000).Defaults("1"))), 16)),
            ("filters", HttpRouteFilterSchema.List),
            ("matches", Arr(Match, 64).Defaults("""[{"path":{"type":"PathPrefix","value":"/"}}]""")),
            ("timeouts", Obj(("backendRequest", Str(pattern: GatewayApiPatterns.Duration)), ("request", Str(pattern: GatewayApiPatterns.Duration)))))
        .Rule("RequestRedirect filter must not be used together with backendRefs",
            self => Size(self, "backendRefs") == 0 || Items(self, "filters").All(f => !Has(f, "requestRedirect")))
        .Rule("When using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified",
            self => !OnePrefixReplace(Items(self, "filters"), "requestRedirect") || SinglePrefixMatch(self))
        .Rule("When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified",
            self => !OnePrefixReplace(Items(self, "filters"), "urlRewrite") || SinglePrefixMatch(self))
        .Rule("Within backendRefs, when using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified",
            self => Items(self, "backendRefs").Count(b => OnePrefixReplace(Items(b, "filters"), "requestRedirect")) != 1 || SinglePrefixMatch(self))
        .Rule("Within backendRefs, When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified",
            self => Items(self, "backendRefs").Count(b => OnePrefixReplace(Items(b, "filters"), "urlRewrite")) != 1 || SinglePrefixMatch(self));

    /// <summary>spec.</summary>
    public static CrdSchema Spec { get; } = Obj(
        ("hostnames", Arr(Str(253, 1, GatewayApiPatterns.Hostname), 16)),
        ("parentRefs", Arr(ParentRef, 32)
            .Rule("sectionName must be specified when parentRefs includes 2 or more references to the same parent",
                self => Items(self).All(p1 => Items(self).All(p2 => !SameParent(p1, p2) || (Text(p1, "sectionName").Length == 0) == (Text(p2, "sectionName").Length == 0))))
            .Rule("sectionName must be unique when parentRefs includes 2 or more references to the same parent",
                self => Items(self).All(p1 => Items(self).Count(p2 => SameParent(p1, p2) && Text(p1, "sectionName") == Text(p2, "sectionName")) == 1))),
        ("rules", Arr(RouteRule, 16)
            .Defaults("""[{"matches":[{"path":{"type":"PathPrefix","value":"/"}}]}]""")
            .Rule("While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128",
                self => Items(self).Take(16).Sum(r => Size(r, "matches")) <= 128)));

    private static bool SameParent(JsonObject p1, JsonObject p2) =>
        Text(p1, "group") == Text(p2, "group") && Text(p1, "kind") == Text(p2, "kind") && Text(p1, "name") == Text(p2, "name") && Text(p1, "namespace") == Text(p2, "namespace");

    private static bool OnePrefixReplace(IEnumerable<JsonObject> filters, string field) =>
        filters.Count(f => f[field] is JsonObject filter && filter["path"] is JsonObject path && Text(path, "type") == "ReplacePrefixMatch" && Has(path, "replacePrefixMatch")) == 1;

    private static bool SinglePrefixMatch(JsonNode rule) =>
        Size(rule, "matches") == 1 && Items(rule, "matches").First()["path"] is JsonObject path && Text(path, "type") == "PathPrefix";

    private static CrdSchema PathRules(CrdSchema path)
    {
        (string Message, Func<string, bool> Holds)[] checks =
        [
            ($"value must be an absolute path and start with '/' {PrefixTypes}", v => v.StartsWith('/')),
            ($"must not contain '//' {PrefixTypes}", v => !v.Contains("//", StringComparison.Ordinal)),
            ($"must not contain '/./' {PrefixTypes}", v => !v.Contains("/./", StringComparison.Ordinal)),
            ($"must not contain '/../' {PrefixTypes}", v => !v.Contains("/../", StringComparison.Ordinal)),
            ($"must not contain '%2f' {PrefixTypes}", v => !v.Contains("%2f", StringComparison.Ordinal)),
            ($"must not contain '%2F' {PrefixTypes}", v => !v.Contains("%2F", StringComparison.Ordinal)),
            ($"must not contain '#' {PrefixTypes}", v => !v.Contains('#', StringComparison.Ordinal)),
            ($"must not end with '/..' {PrefixTypes}", v => !v.EndsWith("/..", StringComparison.Ordinal)),
            ($"must not end with '/.' {PrefixTypes}", v => !v.EndsWith("/.", StringComparison.Ordinal)),
        ];
        foreach (var (message, holds) in checks)
        {
            path = path.Rule(message, self => Text(self, "type") is not ("Exact" or "PathPrefix") || holds(Text(self, "value")));
        }

        return path
            .Rule("type must be one of ['Exact', 'PathPrefix', 'RegularExpression']", self => Text(self, "type") is "Exact" or "PathPrefix" or "RegularExpression")
            .Rule($"must only contain valid characters (matching {GatewayApiPatterns.PathCharacters}) for types ['Exact', 'PathPrefix']",
                self => Text(self, "type") is not ("Exact" or "PathPrefix") || Regex.IsMatch(Text(self, "value"), GatewayApiPatterns.PathCharacters, RegexOptions.None, TimeSpan.FromSeconds(1)));
    }
}
