using System.Text.Json.Nodes;

namespace KubeApiEmulator.Objects;

/// <summary>Puts the members of an object in the order the real server writes them (kind, apiVersion, metadata, ...).</summary>
internal static class ObjectShape
{
    private static readonly string[] MetadataOrder =
    [
        "name", "generateName", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields",
    ];

    /// <summary>The object in the member order the real server writes for <paramref name="type"/>.</summary>
    public static JsonObject For(Discovery.ResourceType type, JsonObject obj) => type.IsCustomResource ? (JsonObject)Sorted(obj) : Ordered(obj);

    /// <summary>
    /// A copy with every object's members in ordinal key order: custom resources are Go maps on the server, and
    /// encoding/json writes map keys sorted.
    /// </summary>
    public static JsonNode Sorted(JsonNode node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Sorted(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(item => item is null ? null : Sorted(item))]),
        _ => node.DeepClone(),
    };

    /// <summary>A copy of <paramref name="obj"/> with kind, apiVersion and metadata first and metadata ordered.</summary>
    public static JsonObject Ordered(JsonObject obj)
    {
        var result = new JsonObject();
        Move(obj, result, "kind");
        Move(obj, result, "apiVersion");
        if (obj["metadata"] is JsonObject metadata)
        {
            obj.Remove("metadata");
            var ordered = new JsonObject();
            foreach (var name in MetadataOrder)
            {
                Move(metadata, ordered, name);
            }

            foreach (var (name, value) in metadata.ToList())
            {
                metadata.Remove(name);
                ordered[name] = value;
            }

            result["metadata"] = ordered;
        }

        foreach (var (name, value) in obj.ToList())
        {
            obj.Remove(name);
            result[name] = value;
        }

        return result;
    }

    private static void Move(JsonObject from, JsonObject to, string name)
    {
        if (from.TryGetPropertyValue(name, out var value))
        {
            from.Remove(name);
            to[name] = value;
        }
    }
}
