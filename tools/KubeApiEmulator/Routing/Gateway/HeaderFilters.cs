using System.Text.Json.Nodes;

namespace KubeApiEmulator.Routing.Gateway;

/// <summary>RequestHeaderModifier and ResponseHeaderModifier: set replaces, add appends, remove deletes.</summary>
internal static class HeaderFilters
{
    /// <summary>Applies a request header modifier to the upstream request.</summary>
    public static void Apply(JsonObject? modifier, HttpRequestMessage message)
    {
        if (modifier is null)
        {
            return;
        }

        foreach (var (name, value) in Pairs(modifier, "set"))
        {
            message.Headers.Remove(name);
            message.Headers.TryAddWithoutValidation(name, value);
        }

        foreach (var (name, value) in Pairs(modifier, "add"))
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        foreach (var name in Names(modifier))
        {
            message.Headers.Remove(name);
        }
    }

    /// <summary>Applies a response header modifier to the answer relayed to the client.</summary>
    public static void Apply(JsonObject? modifier, HttpResponse response)
    {
        if (modifier is null)
        {
            return;
        }

        foreach (var (name, value) in Pairs(modifier, "set"))
        {
            response.Headers[name] = value;
        }

        foreach (var (name, value) in Pairs(modifier, "add"))
        {
            response.Headers.Append(name, value);
        }

        foreach (var name in Names(modifier))
        {
            response.Headers.Remove(name);
        }
    }

    private static IEnumerable<(string Name, string Value)> Pairs(JsonObject modifier, string list) =>
        (modifier[list] as JsonArray ?? []).OfType<JsonObject>().Select(h => (h.GetString("name") ?? string.Empty, h.GetString("value") ?? string.Empty));

    private static IEnumerable<string> Names(JsonObject modifier) =>
        (modifier["remove"] as JsonArray ?? []).Select(n => n?.ToString() ?? string.Empty);
}
