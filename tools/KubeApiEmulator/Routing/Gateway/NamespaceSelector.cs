using System.Text.Json.Nodes;

namespace KubeApiEmulator.Routing.Gateway;

/// <summary>Evaluates a metav1.LabelSelector (matchLabels and matchExpressions) against a namespace's labels.</summary>
internal static class NamespaceSelector
{
    /// <summary>True when <paramref name="labels"/> satisfy <paramref name="selector"/> (an empty selector matches everything).</summary>
    public static bool Matches(JsonObject? selector, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value) in selector?["matchLabels"].StringMap() ?? [])
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        foreach (var expression in (selector?["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = expression.GetString("key") ?? string.Empty;
            var values = (expression["values"] as JsonArray ?? []).Select(v => v?.ToString()).ToList();
            var present = labels.TryGetValue(key, out var actual);
            var holds = expression.GetString("operator") switch
            {
                "In" => present && values.Contains(actual),
                "NotIn" => !present || !values.Contains(actual),
                "Exists" => present,
                "DoesNotExist" => !present,
                _ => false,
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }
}
