using System.Text.Json.Nodes;

namespace KubeApiEmulator.Admission;

/// <summary>A metav1.LabelSelector (matchLabels and matchExpressions) as a webhook's namespace or object selector.</summary>
internal sealed class WebhookSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _requirements = [];

    /// <summary>The empty selector: matches everything.</summary>
    public static WebhookSelector Everything { get; } = new();

    /// <summary>Reads a selector; null or {} matches everything.</summary>
    public static WebhookSelector From(JsonNode? node)
    {
        if (node is not JsonObject selector)
        {
            return Everything;
        }

        var result = new WebhookSelector();
        foreach (var (key, value) in selector["matchLabels"] as JsonObject ?? [])
        {
            var expected = value?.GetValue<string>() ?? string.Empty;
            result._requirements.Add(labels => labels.TryGetValue(key, out var actual) && actual == expected);
        }

        foreach (var expression in (selector["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = expression.GetString("key") ?? string.Empty;
            var values = (expression["values"] as JsonArray ?? []).Select(v => v?.GetValue<string>() ?? string.Empty).ToHashSet(StringComparer.Ordinal);
            Func<IReadOnlyDictionary<string, string>, bool> requirement = expression.GetString("operator") switch
            {
                "In" => labels => labels.TryGetValue(key, out var v) && values.Contains(v),
                "NotIn" => labels => !labels.TryGetValue(key, out var v) || !values.Contains(v),
                "Exists" => labels => labels.ContainsKey(key),
                "DoesNotExist" => labels => !labels.ContainsKey(key),
                var op => throw new InvalidOperationException($"selector operator {op} is not supported"),
            };
            result._requirements.Add(requirement);
        }

        return result;
    }

    /// <summary>True when <paramref name="labels"/> meet every requirement.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.TrueForAll(r => r(labels));
}
