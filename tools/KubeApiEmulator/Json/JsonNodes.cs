using System.Text.Json.Nodes;

namespace KubeApiEmulator;

/// <summary>Small helpers for reading and shaping Kubernetes objects held as JSON nodes.</summary>
internal static class JsonNodes
{
    /// <summary>The string at a path of property names, or null.</summary>
    public static string? GetString(this JsonNode? node, params string[] path)
    {
        var current = node.Get(path);
        return current is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }

    /// <summary>The node at a path of property names, or null.</summary>
    public static JsonNode? Get(this JsonNode? node, params string[] path)
    {
        var current = node;
        foreach (var name in path)
        {
            if (current is not JsonObject obj || !obj.TryGetPropertyValue(name, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>The object property <paramref name="name"/>, created when missing or not an object.</summary>
    public static JsonObject GetOrAddObject(this JsonObject obj, string name)
    {
        if (obj[name] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        obj[name] = created;
        return created;
    }

    /// <summary>The metadata object, created when missing.</summary>
    public static JsonObject Metadata(this JsonObject obj) => obj.GetOrAddObject("metadata");

    /// <summary>A JSON value's kind name as the Go decoder reports it.</summary>
    public static string KindName(this JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => "string",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => "number",
        _ => "bool",
    };

    /// <summary>A string-to-string map (labels, annotations), or empty.</summary>
    public static Dictionary<string, string> StringMap(this JsonNode? node)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var text))
                {
                    map[key] = text;
                }
            }
        }

        return map;
    }

    /// <summary>Drops nulls and empty arrays everywhere and the named empty maps, as Go's omitempty encoding does.</summary>
    public static void Compact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    Compact(value);
                    if (value is null || (value is JsonArray { Count: 0 }) || (value is JsonObject { Count: 0 } && EmptyOmittedMaps.Contains(key)))
                    {
                        obj.Remove(key);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Compact(item);
                }

                break;
        }
    }

    /// <summary>Semantic equality of two JSON trees (object member order ignored).</summary>
    public static bool SameAs(this JsonNode? left, JsonNode? right) => JsonNode.DeepEquals(left, right);

    private static readonly HashSet<string> EmptyOmittedMaps = new(StringComparer.Ordinal)
    {
        "labels", "annotations", "data", "stringData", "selector", "binaryData", "nodeSelector", "matchLabels",
    };
}
