using System.Text.Json.Nodes;
using KubeApiEmulator.Discovery;

namespace KubeApiEmulator.Patching.ServerSideApply;

/// <summary>
/// Ownership after a create, update or non-apply patch: the writer's Update entry gains every field the write added or
/// changed (taking it from other managers, never a conflict), and fields the write removed leave every manager.
/// </summary>
internal sealed class UpdateOwnership(string manager, TimeProvider time) : FieldOwnership
{
    /// <summary>The field manager of the write.</summary>
    public string Manager => manager;

    /// <inheritdoc />
    public override JsonArray? Track(ResourceType type, JsonObject? old, JsonObject next, string subresource)
    {
        var entries = old is null ? [] : ManagedFieldsEntry.Read(old);
        FieldSet changed;
        var removed = new FieldSet();
        if (old is null)
        {
            changed = ForSubresource(type, FieldSets.OfCreated(type.Kind, next), subresource);
        }
        else
        {
            var diff = FieldSets.Diff(type.Kind, old, next);
            changed = ForSubresource(type, diff.Changed, subresource);
            removed = diff.Removed;
        }

        var result = new List<ManagedFieldsEntry>();
        var own = entries.FirstOrDefault(e => e.Is(manager, ManagedFieldsEntry.Update, subresource));
        foreach (var entry in entries)
        {
            if (ReferenceEquals(entry, own))
            {
                var fields = entry.Fields.Union(changed).ExceptSubtrees(removed);
                result.Add(fields.SetEquals(entry.Fields) ? entry : entry with { Fields = fields, Time = Now(), ApiVersion = type.ApiVersion });
            }
            else
            {
                result.Add(entry with { Fields = entry.Fields.Except(changed).ExceptSubtrees(removed) });
            }
        }

        if (own is null && !changed.IsEmpty)
        {
            result.Add(new ManagedFieldsEntry(manager, ManagedFieldsEntry.Update, type.ApiVersion, Now(), subresource, changed));
        }

        return ManagedFieldsEntry.Write(result);
    }

    private string Now() => Timestamps.Format(time);
}
