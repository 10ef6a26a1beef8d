using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KubeApiEmulator.Routing.Gateway;

/// <summary>Evaluates one HTTPRouteMatch (path, method, headers, query parameters) against a request.</summary>
internal static class RouteMatching
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    /// <summary>True when <paramref name="match"/> matches <paramref name="request"/>.</summary>
    public static bool Matches(JsonObject match, GatewayRequest request)
    {
        var (type, value) = Path(match);
        var pathMatches = type switch
        {
            "Exact" => request.Path == value,
            "PathPrefix" => PathMatcher.Matches("Prefix", value, request.Path),
            _ => FullMatch(value, request.Path),
        };
        if (!pathMatches || (match.GetString("method") is { } method && method != request.Method))
        {
            return false;
        }

        foreach (var header in Items(match, "headers"))
        {
            if (request.Header(header.GetString("name") ?? string.Empty) is not { } actual || !ValueMatches(header, actual))
            {
                return false;
            }
        }

        foreach (var parameter in Items(match, "queryParams"))
        {
            if (request.QueryParameter(parameter.GetString("name") ?? string.Empty) is not { } actual || !ValueMatches(parameter, actual))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The path match type and value, with the CRD defaults (PathPrefix "/").</summary>
    public static (string Type, string Value) Path(JsonObject match) =>
        (match.GetString("path", "type") ?? "PathPrefix", match.GetString("path", "value") ?? "/");

    /// <summary>The precedence of a match: Exact over PathPrefix over RegularExpression, then path length, method, header and query counts.</summary>
    public static (int Kind, int Length, int Method, int Headers, int Query) Rank(JsonObject match)
    {
        var (type, value) = Path(match);
        var kind = type switch { "Exact" => 2, "PathPrefix" => 1, _ => 0 };
        return (kind, value.Length, match.ContainsKey("method") ? 1 : 0, Items(match, "headers").Count(), Items(match, "queryParams").Count());
    }

    private static bool ValueMatches(JsonObject matcher, string actual) =>
        matcher.GetString("type") == "RegularExpression" ? FullMatch(matcher.GetString("value") ?? string.Empty, actual) : actual == matcher.GetString("value");

    private static bool FullMatch(string pattern, string input)
    {
        try
        {
            return Regex.IsMatch(input, "^(?:" + pattern + ")$", RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException)
        {
            // An expression .NET cannot parse matches nothing, as an implementation rejecting it would route nothing to it.
            return false;
        }
    }

    private static IEnumerable<JsonObject> Items(JsonObject match, string name) => (match[name] as JsonArray ?? []).OfType<JsonObject>();
}
