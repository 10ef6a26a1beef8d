using System.Text.Json.Nodes;

namespace KubeApiEmulator.Admission;

/// <summary>One entry of a webhook's rules: operations, API groups, versions, resources and scope.</summary>
internal sealed record WebhookRule(
    IReadOnlyList<string> Operations,
    IReadOnlyList<string> ApiGroups,
    IReadOnlyList<string> ApiVersions,
    IReadOnlyList<string> Resources,
    string Scope)
{
    /// <summary>Reads a rule from a webhook's rules array.</summary>
    public static WebhookRule From(JsonObject rule) => new(
        Strings(rule["operations"]),
        Strings(rule["apiGroups"]),
        Strings(rule["apiVersions"]),
        Strings(rule["resources"]),
        rule.GetString("scope") ?? "*");

    /// <summary>True when the rule covers the write, with the real server's wildcards ("*", "*/*", "*/status", "pods/*").</summary>
    public bool Matches(AdmissionAttributes attributes)
    {
        var type = attributes.Type;
        return Covers(Operations, attributes.Operation)
            && Covers(ApiGroups, type.Group)
            && Covers(ApiVersions, type.Version)
            && Resources.Any(r => ResourceMatches(r, type.Plural, attributes.Subresource))
            && Scope switch
            {
                "Cluster" => !type.Namespaced,
                "Namespaced" => type.Namespaced,
                _ => true,
            };
    }

    private static bool Covers(IReadOnlyList<string> values, string value) => values.Any(v => v == "*" || v == value);

    private static bool ResourceMatches(string pattern, string resource, string subresource)
    {
        var slash = pattern.IndexOf('/', StringComparison.Ordinal);
        var (patternResource, patternSub) = slash < 0 ? (pattern, string.Empty) : (pattern[..slash], pattern[(slash + 1)..]);
        if (patternResource != "*" && patternResource != resource)
        {
            return false;
        }

        // "*" alone means every resource but no subresource, as the real server reads it.
        return patternSub == "*" || patternSub == subresource;
    }

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(v => v?.GetValue<string>() ?? string.Empty)] : [];
}
