using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeApiEmulator.Validation.Gateway;

/// <summary>The CEL helpers the Gateway API rules use (has, size, string reads), over JSON values.</summary>
internal static class CelFunctions
{
    /// <summary>has(self.name).</summary>
    public static bool Has(JsonNode? node, string name) => node is JsonObject obj && obj.ContainsKey(name);

    /// <summary>self.name as a string, or "" when absent (CEL would fail; the rules guard with has()).</summary>
    public static string Text(JsonNode? node, string name) =>
        node is JsonObject obj && obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : string.Empty;

    /// <summary>size(self.name) of a list or map, 0 when absent.</summary>
    public static int Size(JsonNode? node, string name) => (node as JsonObject)?[name] switch
    {
        JsonArray array => array.Count,
        JsonObject map => map.Count,
        _ => 0,
    };

    /// <summary>The objects of the list self.name (none when absent).</summary>
    public static IEnumerable<JsonObject> Items(JsonNode? node, string name) => ((node as JsonObject)?[name] as JsonArray ?? []).OfType<JsonObject>();

    /// <summary>The objects of a list value.</summary>
    public static IEnumerable<JsonObject> Items(JsonNode node) => (node as JsonArray ?? []).OfType<JsonObject>();

    /// <summary>Two optional string fields compared as the rules do: both absent, or both present and equal.</summary>
    public static bool SameOptional(JsonObject left, JsonObject right, string name) =>
        Has(left, name) && Has(right, name) ? Text(left, name) == Text(right, name) : !Has(left, name) && !Has(right, name);

    /// <summary>A field compared as JSON.</summary>
    public static bool Same(JsonObject left, JsonObject right, string name) => JsonNode.DeepEquals(left[name], right[name]);
}
