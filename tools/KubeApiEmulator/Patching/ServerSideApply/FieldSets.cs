using System.Text.Json.Nodes;

namespace KubeApiEmulator.Patching.ServerSideApply;

/// <summary>Builds field sets from objects: what an applied configuration sets, and what an update changed or removed.</summary>
internal static class FieldSets
{
    private static readonly HashSet<string> ServerMetadata = new(StringComparer.Ordinal)
    {
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink",
        "deletionTimestamp", "deletionGracePeriodSeconds",
    };

    /// <summary>The fields an applied configuration sets: its leaves, atomic lists and maps, list items and set values.</summary>
    public static FieldSet OfApplied(string kind, JsonObject configuration)
    {
        var set = new FieldSet();
        foreach (var (name, value) in TrackedFields(configuration))
        {
            Walk(set.Child("f:" + name), value, name, kind, update: false);
        }

        return set;
    }

    /// <summary>Every field of <paramref name="obj"/>, as an Update that created it owns them.</summary>
    public static FieldSet OfCreated(string kind, JsonObject obj)
    {
        var set = new FieldSet();
        foreach (var (name, value) in TrackedFields(obj))
        {
            Walk(set.Child("f:" + name), value, name, kind, update: true);
        }

        return set;
    }

    /// <summary>The fields an update from <paramref name="old"/> to <paramref name="next"/> added or changed, and those it removed.</summary>
    public static (FieldSet Changed, FieldSet Removed) Diff(string kind, JsonObject old, JsonObject next)
    {
        var changed = new FieldSet();
        var removed = new FieldSet();
        var oldFields = TrackedFields(old).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var nextFields = TrackedFields(next).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        DiffFields(changed, removed, oldFields, nextFields, string.Empty, kind);
        return (changed, removed);
    }

    /// <summary>The path element of a list item: <c>k:{...}</c> for a map list, <c>v:...</c> for a set.</summary>
    public static string ItemElement(JsonNode? item, ListType type, string[] keys)
    {
        if (type == ListType.Set || item is not JsonObject obj)
        {
            return "v:" + (item?.ToJsonString(JsonText.Options) ?? "null");
        }

        var key = new JsonObject();
        foreach (var name in keys.Order(StringComparer.Ordinal))
        {
            if (obj[name] is { } value)
            {
                key[name] = value.DeepClone();
            }
        }

        return "k:" + key.ToJsonString(JsonText.Options);
    }

    /// <summary>A path as the server prints it in conflicts: <c>.spec.rules</c>, <c>.spec.ports[port=80,protocol="TCP"]</c>.</summary>
    public static string Print(IReadOnlyList<string> path)
    {
        var text = new System.Text.StringBuilder();
        foreach (var element in path)
        {
            if (element.StartsWith("f:", StringComparison.Ordinal))
            {
                text.Append('.').Append(element[2..]);
            }
            else if (element.StartsWith("k:", StringComparison.Ordinal))
            {
                var key = JsonNode.Parse(element[2..])!.AsObject();
                text.Append('[').Append(string.Join(",", key.Select(p => p.Key + "=" + p.Value?.ToJsonString(JsonText.Options)))).Append(']');
            }
            else if (element.StartsWith("v:", StringComparison.Ordinal))
            {
                text.Append("[=").Append(element[2..]).Append(']');
            }
            else
            {
                text.Append('[').Append(element[2..]).Append(']');
            }
        }

        return text.ToString();
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> TrackedFields(JsonObject obj)
    {
        foreach (var (name, value) in obj)
        {
            if (name is "apiVersion" or "kind")
            {
                continue;
            }

            if (name == "metadata" && value is JsonObject metadata)
            {
                var kept = new JsonObject();
                foreach (var (field, fieldValue) in metadata)
                {
                    if (!ServerMetadata.Contains(field))
                    {
                        kept[field] = fieldValue?.DeepClone();
                    }
                }

                if (kept.Count > 0)
                {
                    yield return KeyValuePair.Create<string, JsonNode?>(name, kept);
                }

                continue;
            }

            yield return KeyValuePair.Create(name, value);
        }
    }

    private static void Walk(FieldSet node, JsonNode? value, string path, string kind, bool update)
    {
        switch (value)
        {
            case JsonObject obj when !FieldSchema.IsAtomicMap(kind, path):
                if (obj.Count == 0 || (update && FieldSchema.IsStringMap(path)))
                {
                    node.Member = true;
                }

                foreach (var (name, child) in obj)
                {
                    Walk(node.Child("f:" + name), child, FieldSchema.Below(path, name), kind, update);
                }

                break;
            case JsonArray array:
                var (type, keys) = FieldSchema.ListAt(kind, path);
                if (type == ListType.Atomic || array.Count == 0)
                {
                    node.Member = true;
                    break;
                }

                foreach (var item in array)
                {
                    var itemNode = node.Child(ItemElement(item, type, keys));
                    itemNode.Member = true;
                    if (type == ListType.Map && item is JsonObject itemObject)
                    {
                        foreach (var (name, child) in itemObject)
                        {
                            Walk(itemNode.Child("f:" + name), child, FieldSchema.Below(path, name), kind, update);
                        }
                    }
                }

                break;
            default:
                node.Member = true;
                break;
        }
    }

    private static void DiffFields(FieldSet changed, FieldSet removed, Dictionary<string, JsonNode?> old, Dictionary<string, JsonNode?> next, string path, string kind)
    {
        foreach (var (name, value) in next)
        {
            var childPath = FieldSchema.Below(path, name);
            if (!old.TryGetValue(name, out var before))
            {
                Walk(changed.Child("f:" + name), value, childPath, kind, update: true);
            }
            else
            {
                DiffValue(changed, removed, "f:" + name, before, value, childPath, kind);
            }
        }

        foreach (var name in old.Keys.Where(k => !next.ContainsKey(k)))
        {
            removed.Child("f:" + name).Member = true;
        }
    }

    private static void DiffValue(FieldSet changed, FieldSet removed, string element, JsonNode? before, JsonNode? after, string path, string kind)
    {
        if (JsonNode.DeepEquals(before, after))
        {
            return;
        }

        if (before is JsonObject oldObject && after is JsonObject newObject && !FieldSchema.IsAtomicMap(kind, path))
        {
            DiffFields(changed.Child(element), removed.Child(element), Fields(oldObject), Fields(newObject), path, kind);
            return;
        }

        var (type, keys) = FieldSchema.ListAt(kind, path);
        if (before is JsonArray oldArray && after is JsonArray newArray && type != ListType.Atomic)
        {
            var oldItems = oldArray.GroupBy(i => ItemElement(i, type, keys)).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var item in newArray)
            {
                var itemElement = ItemElement(item, type, keys);
                if (!oldItems.TryGetValue(itemElement, out var oldItem))
                {
                    var added = changed.Child(element).Child(itemElement);
                    added.Member = true;
                    if (type == ListType.Map && item is JsonObject itemObject)
                    {
                        foreach (var (name, child) in itemObject)
                        {
                            Walk(added.Child("f:" + name), child, FieldSchema.Below(path, name), kind, update: true);
                        }
                    }
                }
                else if (type == ListType.Map && oldItem is JsonObject oldItemObject && item is JsonObject newItemObject)
                {
                    DiffFields(changed.Child(element).Child(itemElement), removed.Child(element).Child(itemElement),
                        Fields(oldItemObject), Fields(newItemObject), path, kind);
                }
            }

            var newElements = newArray.Select(i => ItemElement(i, type, keys)).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in oldItems.Keys.Where(k => !newElements.Contains(k)))
            {
                removed.Child(element).Child(gone).Member = true;
            }

            return;
        }

        changed.Child(element).Member = true;
    }

    private static Dictionary<string, JsonNode?> Fields(JsonObject obj) => obj.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
