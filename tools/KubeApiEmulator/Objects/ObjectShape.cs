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
