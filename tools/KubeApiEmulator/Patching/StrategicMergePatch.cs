using System.Text.Json.Nodes;

namespace KubeApiEmulator.Patching;

/// <summary>
/// Strategic merge patch for the kinds served here: maps merge, null deletes a key, lists are replaced
/// unless <see cref="PatchStrategies"/> gives them a merge strategy, and the directives
/// $patch (replace/delete/merge), $retainKeys, $setElementOrder/ and $deleteFromPrimitiveList/ are honoured.
/// </summary>
internal static class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeys = "$retainKeys";
    private const string SetElementOrder = "$setElementOrder/";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";

    /// <summary>Applies <paramref name="patch"/> to the object <paramref name="target"/> of <paramref name="kind"/>; returns the result.</summary>
    /// <exception cref="PatchException">The patch is malformed.</exception>
    public static JsonObject Apply(string kind, JsonObject target, JsonObject patch) =>
        MergeMap(kind, string.Empty, target, patch) ?? new JsonObject();

    private static JsonObject? MergeMap(string kind, string path, JsonObject? target, JsonObject patch)
    {
        var directive = patch.GetString(PatchDirective);
        switch (directive)
        {
            case "delete":
                return null;
            case "replace":
                {
                    var replaced = (JsonObject)patch.DeepClone();
                    replaced.Remove(PatchDirective);
                    StripDirectives(replaced);
                    return replaced;
                }

            case null or "merge":
                break;
            default:
                throw new PatchException($"Unknown patch type: {directive}");
        }

        var result = target ?? new JsonObject();
        foreach (var (name, value) in patch)
        {
            if (name == PatchDirective || name == RetainKeys || name.StartsWith(SetElementOrder, StringComparison.Ordinal))
            {
                continue;
            }

            if (name.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                var field = name[DeleteFromPrimitiveList.Length..];
                if (result[field] is JsonArray list && value is JsonArray remove)
                {
                    foreach (var item in list.Where(i => remove.Any(r => JsonNode.DeepEquals(i, r))).ToList())
                    {
                        list.Remove(item);
                    }
                }

                continue;
            }

            var childPath = path.Length == 0 ? name : path + "." + name;
            if (value is null)
            {
                result.Remove(name);
                continue;
            }

            result.TryGetPropertyValue(name, out var existing);
            JsonNode? merged = value switch
            {
                JsonObject patchChild => MergeMap(kind, childPath, existing as JsonObject, patchChild),
                JsonArray patchList => MergeList(kind, childPath, existing as JsonArray, patchList),
                _ => value.DeepClone(),
            };
            if (merged is null)
            {
                result.Remove(name);
            }
            else if (!ReferenceEquals(merged, existing))
            {
                if (merged.Parent is not null)
                {
                    merged = merged.DeepClone();
                }

                result[name] = merged;
            }
        }

        foreach (var (name, order) in patch.Where(p => p.Key.StartsWith(SetElementOrder, StringComparison.Ordinal)).ToList())
        {
            var field = name[SetElementOrder.Length..];
            var childPath = path.Length == 0 ? field : path + "." + field;
            if (result[field] is JsonArray list && order is JsonArray orderList)
            {
                Reorder(list, orderList, PatchStrategies.For(kind, childPath)?.MergeKey);
            }
        }

        if (patch[RetainKeys] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.ToString()).ToHashSet(StringComparer.Ordinal);
            foreach (var key in result.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                result.Remove(key);
            }
        }

        return result;
    }

    private static JsonArray MergeList(string kind, string path, JsonArray? target, JsonArray patch)
    {
        var strategy = PatchStrategies.For(kind, path);
        var replaceDirective = patch.OfType<JsonObject>().Any(e => e.GetString(PatchDirective) == "replace");
        if (strategy is null || target is null || replaceDirective)
        {
            var replaced = new JsonArray();
            foreach (var item in patch)
            {
                if (item is JsonObject o && o.GetString(PatchDirective) is not null && (replaceDirective || o.GetString(PatchDirective) == "delete"))
                {
                    continue;
                }

                var copy = item?.DeepClone();
                StripDirectives(copy);
                replaced.Add(copy);
            }

            return replaced;
        }

        var serverOrder = target.Select(item => MergeIdentity(item, strategy.MergeKey)).ToList();
        var merged = MergeInto(kind, path, target, patch, strategy.MergeKey);
        return MergedListOrder.Normalize(merged, patch, serverOrder, item => MergeIdentity(item, strategy.MergeKey));
    }

    private static JsonNode? MergeIdentity(JsonNode? item, string? mergeKey) => mergeKey is null ? item : item?[mergeKey];

    private static JsonArray MergeInto(string kind, string path, JsonArray target, JsonArray patch, string? mergeKey)
    {
        if (mergeKey is null)
        {
            foreach (var item in patch)
            {
                if (!target.Any(existing => JsonNode.DeepEquals(existing, item)))
                {
                    target.Add(item?.DeepClone());
                }
            }

            return target;
        }

        foreach (var item in patch)
        {
            if (item is not JsonObject element)
            {
                throw new PatchException($"mergeKey {mergeKey} requires a list of maps at {path}");
            }

            if (!element.TryGetPropertyValue(mergeKey, out var keyValue))
            {
                throw new PatchException($"map: {element.ToJsonString()} does not contain declared merge key: {mergeKey}");
            }

            var match = target.OfType<JsonObject>().FirstOrDefault(e => JsonNode.DeepEquals(e[mergeKey], keyValue));
            if (element.GetString(PatchDirective) == "delete")
            {
                if (match is not null)
                {
                    target.Remove(match);
                }

                continue;
            }

            if (match is null)
            {
                var added = (JsonObject)element.DeepClone();
                StripDirectives(added);
                target.Add(added);
            }
            else
            {
                var merged = MergeMap(kind, path, match, element);
                if (merged is null)
                {
                    target.Remove(match);
                }
            }
        }

        return target;
    }

    private static void Reorder(JsonArray list, JsonArray order, string? mergeKey)
    {
        var items = list.ToList();
        int Rank(JsonNode? item)
        {
            for (var i = 0; i < order.Count; i++)
            {
                var same = mergeKey is null
                    ? JsonNode.DeepEquals(item, order[i])
                    : item is JsonObject o && JsonNode.DeepEquals(o[mergeKey], order[i]?[mergeKey]);
                if (same)
                {
                    return i;
                }
            }

            return order.Count;
        }

        var sorted = items.Select((item, index) => (item, index, rank: Rank(item))).OrderBy(t => t.rank).ThenBy(t => t.index).Select(t => t.item).ToList();
        list.Clear();
        foreach (var item in sorted)
        {
            list.Add(item);
        }
    }

    private static void StripDirectives(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).Where(k => k.StartsWith('$')).ToList())
                {
                    obj.Remove(key);
                }

                foreach (var (_, value) in obj)
                {
                    StripDirectives(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    StripDirectives(item);
                }

                break;
        }
    }
}
