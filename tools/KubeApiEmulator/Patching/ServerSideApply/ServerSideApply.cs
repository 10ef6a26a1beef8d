using System.Text.Json.Nodes;
using KubeApiEmulator.Discovery;

namespace KubeApiEmulator.Patching.ServerSideApply;

/// <summary>
/// Server-side apply (application/apply-patch+yaml): merges a manager's applied configuration into the live object by
/// the types' list and map semantics, refuses changes to fields other managers own unless forced (then takes them),
/// removes fields the manager applied before and no longer applies when nobody else owns them, and records the
/// manager's Apply entry in managedFields.
/// </summary>
internal static class ServerSideApply
{
    /// <summary>Applies <paramref name="configuration"/> for <paramref name="manager"/>.</summary>
    /// <param name="type">The resource.</param>
    /// <param name="live">The stored object; null when the apply creates it.</param>
    /// <param name="configuration">The applied configuration (apiVersion, kind, metadata.name and the fields the manager wants).</param>
    /// <param name="manager">The fieldManager.</param>
    /// <param name="force">True to take conflicting fields from their managers.</param>
    /// <param name="subresource">"status" for an apply to /status, else empty.</param>
    /// <param name="time">The clock for the entry's time.</param>
    /// <exception cref="ApplyConflictException">Without force, the apply would change fields other managers own.</exception>
    public static ApplyResult Apply(ResourceType type, JsonObject? live, JsonObject configuration, string manager, bool force, string subresource, TimeProvider time)
    {
        var applied = FieldOwnership.ForSubresource(type, FieldSets.OfApplied(type.Kind, configuration), subresource);
        var now = Timestamps.Format(time);
        if (live is null)
        {
            var created = (JsonObject)configuration.DeepClone();
            return new ApplyResult(created, ManagedFieldsEntry.Write([new ManagedFieldsEntry(manager, ManagedFieldsEntry.Apply, type.ApiVersion, now, subresource, applied)]));
        }

        var entries = ManagedFieldsEntry.Read(live);
        var own = entries.FirstOrDefault(e => e.Is(manager, ManagedFieldsEntry.Apply, subresource));
        var previous = own?.Fields ?? new FieldSet();
        var merged = (JsonObject)live.DeepClone();
        if (subresource == "status")
        {
            if (configuration["status"] is JsonObject appliedStatus)
            {
                var liveStatus = merged["status"] as JsonObject ?? [];
                MergeObject(liveStatus, appliedStatus, "status", type.Kind);
                merged["status"] = liveStatus;
            }
        }
        else
        {
            // The main resource of a kind with a status subresource ignores status, as the real server's strategy does.
            MergeObject(merged, Without(configuration, type.Subresources.Contains("status") ? "status" : null), string.Empty, type.Kind);
        }

        var changed = FieldSets.Diff(type.Kind, live, merged).Changed;
        var conflicts = new List<ApplyConflict>();
        var others = new List<ManagedFieldsEntry>();
        foreach (var entry in entries.Where(e => !ReferenceEquals(e, own)))
        {
            var taken = entry.Fields.Intersect(changed);
            conflicts.AddRange(taken.MemberPaths().Select(p => new ApplyConflict(entry.Printed, FieldSets.Print(p))));
            others.Add(force ? entry with { Fields = entry.Fields.Except(taken) } : entry);
        }

        if (conflicts.Count > 0 && !force)
        {
            throw new ApplyConflictException(conflicts);
        }

        // Fields this manager applied before and no longer applies go, unless another manager still owns them.
        var removed = new List<IReadOnlyList<string>>();
        foreach (var path in previous.Except(applied).MemberPaths())
        {
            if (!removed.Any(r => IsBelow(path, r)) && !others.Any(e => e.Fields.ContainsAnyAt(path)))
            {
                FieldPaths.Remove(merged, path);
                removed.Add(path);
            }
        }

        var ownEntry = own is not null && own.Fields.SetEquals(applied)
            ? own
            : new ManagedFieldsEntry(manager, ManagedFieldsEntry.Apply, type.ApiVersion, now, subresource, applied);
        var result = new List<ManagedFieldsEntry>();
        var next = 0;
        foreach (var entry in entries)
        {
            result.Add(ReferenceEquals(entry, own) ? ownEntry : others[next++]);
        }

        if (own is null)
        {
            result.Add(ownEntry);
        }

        return new ApplyResult(merged, ManagedFieldsEntry.Write(result));
    }

    private static bool IsBelow(IReadOnlyList<string> path, IReadOnlyList<string> parent) =>
        path.Count > parent.Count && parent.Select((element, i) => element == path[i]).All(same => same);

    private static JsonObject Without(JsonObject obj, string? field)
    {
        if (field is null || !obj.ContainsKey(field))
        {
            return obj;
        }

        var copy = (JsonObject)obj.DeepClone();
        copy.Remove(field);
        return copy;
    }

    private static void MergeObject(JsonObject live, JsonObject applied, string path, string kind)
    {
        foreach (var (name, value) in applied)
        {
            var childPath = FieldSchema.Below(path, name);
            live[name] = MergeValue(live[name], value, childPath, kind);
        }
    }

    private static JsonNode? MergeValue(JsonNode? live, JsonNode? applied, string path, string kind)
    {
        if (applied is JsonObject appliedObject && live is JsonObject liveObject && !FieldSchema.IsAtomicMap(kind, path))
        {
            var copy = (JsonObject)liveObject.DeepClone();
            MergeObject(copy, appliedObject, path, kind);
            return copy;
        }

        var (type, keys) = FieldSchema.ListAt(kind, path);
        if (applied is JsonArray appliedArray && live is JsonArray liveArray && type != ListType.Atomic)
        {
            var result = new JsonArray([.. liveArray.Select(i => i?.DeepClone())]);
            foreach (var item in appliedArray)
            {
                var element = FieldSets.ItemElement(item, type, keys);
                var index = result.Select((existing, i) => (existing, i)).FirstOrDefault(p => FieldSets.ItemElement(p.existing, type, keys) == element, (null, -1)).Item2;
                if (index < 0)
                {
                    result.Add(item?.DeepClone());
                }
                else if (type == ListType.Map && item is JsonObject itemObject && result[index] is JsonObject existingObject)
                {
                    MergeObject(existingObject, itemObject, path, kind);
                }
            }

            return result;
        }

        return applied?.DeepClone();
    }
}
