using System.Globalization;
using System.Text.Json.Nodes;
using KubeApiEmulator.Discovery;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Api;

/// <summary>
/// Deletion as the real server and its garbage collector do it: an object with finalizers is kept with
/// deletionTimestamp set until they are gone; Foreground and Orphan deletes add their finalizer, which the garbage
/// collector (played here at once, as nothing tracks dependents) then removes. A Namespace stays Terminating until
/// its contents are gone. Callers hold the store's lock.
/// </summary>
internal sealed class GracefulDeletion(ObjectStore store, TimeProvider time)
{
    private static readonly string[] CollectorFinalizers = ["foregroundDeletion", "orphan"];

    /// <summary>Deletes <paramref name="existing"/>; returns the object when it is kept (terminating), or null when it is gone.</summary>
    public JsonObject? Delete(ResourceType type, StoredObject existing, string? propagationPolicy, bool dryRun)
    {
        var obj = existing.ToNode();
        var metadata = obj.Metadata();
        var finalizers = Finalizers(obj);
        var added = propagationPolicy switch
        {
            "Foreground" => "foregroundDeletion",
            "Orphan" => "orphan",
            _ => null,
        };
        var changed = metadata["deletionTimestamp"] is null;
        if (added is not null && !finalizers.Contains(added))
        {
            finalizers.Add(added);
            changed = true;
        }

        if (!changed)
        {
            // Already being deleted: the server answers with the object as it is.
            return obj;
        }

        if (finalizers.Count == 0 && type != ResourceCatalog.Namespaces)
        {
            if (!dryRun)
            {
                Remove(type.StorageName, existing);
            }

            return null;
        }

        metadata["deletionTimestamp"] ??= time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        metadata["deletionGracePeriodSeconds"] ??= 0;
        if (finalizers.Count > 0)
        {
            metadata["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode)f)]);
        }

        if (type == ResourceCatalog.Namespaces)
        {
            obj.GetOrAddObject("status")["phase"] = "Terminating";
        }

        obj = Objects.ObjectShape.Ordered(obj);
        if (dryRun)
        {
            return obj;
        }

        var stored = store.Put(type.StorageName, obj, "MODIFIED");
        var answer = stored.ToNode();
        if (type == ResourceCatalog.Namespaces)
        {
            DeleteContents(existing.Name);
        }

        CollectGarbage(type.StorageName, stored);
        return answer;
    }

    /// <summary>After an update: removes an object being deleted once its last finalizer is gone.</summary>
    public void FinishIfUnblocked(string storage, StoredObject stored)
    {
        var obj = stored.ToNode();
        if (obj.Metadata()["deletionTimestamp"] is not null && Finalizers(obj).Count == 0 && storage != ResourceCatalog.Namespaces.StorageName)
        {
            Remove(storage, stored);
        }
    }

    /// <summary>True when the Namespace <paramref name="name"/> is being deleted.</summary>
    public bool IsTerminating(string name) =>
        store.Get(ResourceCatalog.Namespaces.StorageName, name)?.ToNode().Metadata()["deletionTimestamp"] is not null;

    private void CollectGarbage(string storage, StoredObject stored)
    {
        var obj = stored.ToNode();
        var finalizers = Finalizers(obj);
        if (!finalizers.Any(CollectorFinalizers.Contains))
        {
            return;
        }

        finalizers.RemoveAll(CollectorFinalizers.Contains);
        if (finalizers.Count == 0)
        {
            obj.Metadata().Remove("finalizers");
        }
        else
        {
            obj.Metadata()["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode)f)]);
        }

        FinishIfUnblocked(storage, store.Put(storage, obj, "MODIFIED"));
    }

    private void DeleteContents(string ns)
    {
        foreach (var (storage, item) in store.NamespaceContents(ns))
        {
            var type = ResourceCatalog.All.First(t => t.StorageName == storage);
            if (item.ToNode().Metadata()["deletionTimestamp"] is null)
            {
                Delete(type, item, null, dryRun: false);
            }
        }

        RemoveNamespaceIfEmpty(ns);
    }

    private void Remove(string storage, StoredObject existing)
    {
        store.Remove(storage, existing);
        if (existing.Namespace.Length > 0 && IsTerminating(existing.Namespace))
        {
            RemoveNamespaceIfEmpty(existing.Namespace);
        }
    }

    private void RemoveNamespaceIfEmpty(string ns)
    {
        var stored = store.Get(ResourceCatalog.Namespaces.StorageName, ns);
        if (stored is not null && store.NamespaceContents(ns).Count == 0)
        {
            // The namespace controller has emptied it: its "kubernetes" finalizer goes, and the Namespace with it.
            store.Remove(ResourceCatalog.Namespaces.StorageName, stored);
        }
    }

    private static List<string> Finalizers(JsonObject obj) =>
        (obj.Metadata()["finalizers"] as JsonArray ?? []).Select(f => f?.ToString() ?? string.Empty).ToList();
}
