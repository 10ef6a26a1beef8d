using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeApiEmulator.Storage;

/// <summary>
/// All objects in memory, per resource in sorted lists keyed "namespace/name", under one lock,
/// with one cluster-wide resourceVersion counter. Callers hold <see cref="Gate"/> across a read-modify-write.
/// </summary>
internal sealed class ObjectStore
{
    private const int HistoryCapacity = 20_000;

    /// <summary>How long superseded versions are kept for paged lists (etcd compacts every 5 minutes by default).</summary>
    public static readonly TimeSpan SnapshotRetention = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, SortedList<string, List<SupersededVersion>>> _superseded = new(StringComparer.Ordinal);
    private readonly Queue<(string Storage, string Key, SupersededVersion Version)> _supersededOrder = new();
    private readonly Dictionary<string, SortedList<string, StoredObject>> _collections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _collectionVersions = new(StringComparer.Ordinal);
    private readonly Queue<WatchEvent> _history = new();
    private readonly List<WatchSubscription> _watchers = [];
    private long _resourceVersion;

    /// <summary>Held by callers around every read or write of the store.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The newest resourceVersion handed out.</summary>
    public long CurrentResourceVersion => Interlocked.Read(ref _resourceVersion);

    /// <summary>Snapshots at or before this resourceVersion can no longer be read consistently (compacted).</summary>
    public long CompactedResourceVersion { get; private set; }

    /// <summary>The oldest resourceVersion a watch can still resume after.</summary>
    public long OldestWatchableResourceVersion { get; private set; }

    /// <summary>Counts writes to one collection; the router rebuilds its table when it changes.</summary>
    public long CollectionVersion(string storage)
    {
        lock (Gate)
        {
            return _collectionVersions.GetValueOrDefault(storage);
        }
    }

    /// <summary>The object with <paramref name="key"/>, or null.</summary>
    public StoredObject? Get(string storage, string key) =>
        Collection(storage).TryGetValue(key, out var found) ? found : null;

    /// <summary>Objects of a collection in key order, from <paramref name="startKey"/> (inclusive) up to <paramref name="endKey"/> (exclusive).</summary>
    public IEnumerable<StoredObject> Range(string storage, string? startKey, string? endKey)
    {
        var list = Collection(storage);
        var keys = list.Keys;
        var values = list.Values;
        for (var i = startKey is null ? 0 : LowerBound(keys, startKey); i < keys.Count; i++)
        {
            if (endKey is not null && string.CompareOrdinal(keys[i], endKey) >= 0)
            {
                yield break;
            }

            yield return values[i];
        }
    }

    /// <summary>
    /// Objects of a collection as they were at <paramref name="snapshot"/>, in key order from <paramref name="startKey"/>
    /// up to <paramref name="endKey"/>: the current version where it is not newer, else the superseded one that was live then.
    /// </summary>
    public IEnumerable<StoredObject> RangeAt(string storage, string? startKey, string? endKey, long snapshot)
    {
        var current = Collection(storage);
        var old = Superseded(storage);
        var i = startKey is null ? 0 : LowerBound(current.Keys, startKey);
        var j = startKey is null ? 0 : LowerBound(old.Keys, startKey);
        while (true)
        {
            var currentKey = i < current.Count ? current.Keys[i] : null;
            var oldKey = j < old.Count ? old.Keys[j] : null;
            var key = currentKey is null ? oldKey : oldKey is null ? currentKey : string.CompareOrdinal(currentKey, oldKey) <= 0 ? currentKey : oldKey;
            if (key is null || (endKey is not null && string.CompareOrdinal(key, endKey) >= 0))
            {
                yield break;
            }

            StoredObject? visible = null;
            if (key == currentKey)
            {
                if (current.Values[i].ResourceVersion <= snapshot)
                {
                    visible = current.Values[i];
                }

                i++;
            }

            if (key == oldKey)
            {
                visible ??= old.Values[j].FirstOrDefault(v => v.Object.ResourceVersion <= snapshot && snapshot < v.Until)?.Object;
                j++;
            }

            if (visible is not null)
            {
                yield return visible;
            }
        }
    }

    /// <summary>Forgets superseded versions older than <see cref="SnapshotRetention"/>.</summary>
    public void Compact(DateTimeOffset now)
    {
        while (_supersededOrder.TryPeek(out var oldest) && now - oldest.Version.At > SnapshotRetention)
        {
            _supersededOrder.Dequeue();
            CompactedResourceVersion = Math.Max(CompactedResourceVersion, oldest.Version.Until);
            var versions = Superseded(oldest.Storage);
            if (versions.TryGetValue(oldest.Key, out var list))
            {
                list.Remove(oldest.Version);
                if (list.Count == 0)
                {
                    versions.Remove(oldest.Key);
                }
            }
        }
    }

    /// <summary>How many objects lie in the range.</summary>
    public int CountRange(string storage, string? startKey, string? endKey)
    {
        var keys = Collection(storage).Keys;
        var start = startKey is null ? 0 : LowerBound(keys, startKey);
        var end = endKey is null ? keys.Count : LowerBound(keys, endKey);
        return Math.Max(0, end - start);
    }

    /// <summary>Stores <paramref name="obj"/> under a new resourceVersion (create or replace) and returns it.</summary>
    public StoredObject Put(string storage, JsonObject obj, string eventType)
    {
        var version = Interlocked.Increment(ref _resourceVersion);
        obj.Metadata()["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
        var stored = Freeze(storage, obj, version);
        var collection = Collection(storage);
        collection.TryGetValue(stored.Key, out var previous);
        if (previous is not null)
        {
            Supersede(storage, previous, version);
        }

        collection[stored.Key] = stored;
        Publish(new WatchEvent(storage, eventType, stored, previous));
        return stored;
    }

    /// <summary>Removes an object; the DELETED event carries a new resourceVersion as on a real server.</summary>
    public StoredObject Remove(string storage, StoredObject existing)
    {
        Collection(storage).Remove(existing.Key);
        var version = Interlocked.Increment(ref _resourceVersion);
        Supersede(storage, existing, version);
        var node = existing.ToNode();
        node.Metadata()["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
        var deleted = Freeze(storage, node, version);
        Publish(new WatchEvent(storage, "DELETED", deleted));
        return deleted;
    }

    /// <summary>Every object of every namespaced collection in <paramref name="ns"/>.</summary>
    public List<(string Storage, StoredObject Object)> NamespaceContents(string ns) =>
        [.. _collections.SelectMany(c => Range(c.Key, StorageKeys.NamespaceStart(ns), StorageKeys.NamespaceEnd(ns)).Select(o => (c.Key, o)))];

    /// <summary>Registers a watcher; events after <paramref name="fromResourceVersion"/> still in history are replayed first.</summary>
    public WatchSubscription Subscribe(string storage, long fromResourceVersion, Func<StoredObject, bool> filter)
    {
        var subscription = new WatchSubscription(storage, filter);
        foreach (var past in _history)
        {
            if (past.Storage == storage && past.Object.ResourceVersion > fromResourceVersion)
            {
                subscription.Offer(past);
            }
        }

        _watchers.Add(subscription);
        return subscription;
    }

    /// <summary>Removes a watcher.</summary>
    public void Unsubscribe(WatchSubscription subscription)
    {
        lock (Gate)
        {
            _watchers.Remove(subscription);
        }

        subscription.Complete();
    }

    private void Publish(WatchEvent change)
    {
        _collectionVersions[change.Storage] = _collectionVersions.GetValueOrDefault(change.Storage) + 1;
        _history.Enqueue(change);
        while (_history.Count > HistoryCapacity)
        {
            OldestWatchableResourceVersion = _history.Dequeue().Object.ResourceVersion;
        }

        foreach (var watcher in _watchers)
        {
            if (watcher.Storage == change.Storage)
            {
                watcher.Offer(change);
            }
        }
    }

    private void Supersede(string storage, StoredObject previous, long until)
    {
        var now = DateTimeOffset.UtcNow;
        Compact(now);
        var entry = new SupersededVersion(previous, until, now);
        var versions = Superseded(storage);
        if (!versions.TryGetValue(previous.Key, out var list))
        {
            list = [];
            versions[previous.Key] = list;
        }

        list.Add(entry);
        _supersededOrder.Enqueue((storage, previous.Key, entry));
    }

    private SortedList<string, List<SupersededVersion>> Superseded(string storage)
    {
        if (!_superseded.TryGetValue(storage, out var list))
        {
            list = new SortedList<string, List<SupersededVersion>>(StringComparer.Ordinal);
            _superseded[storage] = list;
        }

        return list;
    }

    private static StoredObject Freeze(string storage, JsonObject obj, long version)
    {
        var metadata = obj.Metadata();
        var ns = metadata.GetString("namespace") ?? string.Empty;
        var name = metadata.GetString("name") ?? string.Empty;
        return new StoredObject
        {
            Key = StorageKeys.For(ns, name),
            Namespace = ns,
            Name = name,
            Uid = metadata.GetString("uid") ?? string.Empty,
            ResourceVersion = version,
            Json = JsonSerializer.SerializeToUtf8Bytes(obj, JsonText.Options),
            Labels = metadata["labels"].StringMap(),
            Fields = FieldIndex.Compute(storage, obj),
        };
    }

    private SortedList<string, StoredObject> Collection(string storage)
    {
        if (!_collections.TryGetValue(storage, out var list))
        {
            list = new SortedList<string, StoredObject>(StringComparer.Ordinal);
            _collections[storage] = list;
        }

        return list;
    }

    private static int LowerBound(IList<string> keys, string key)
    {
        int low = 0, high = keys.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (string.CompareOrdinal(keys[middle], key) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
