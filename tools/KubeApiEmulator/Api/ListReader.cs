using System.Globalization;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Api;

/// <summary>Reads pages of a collection the way the real server pages from etcd: in key order, resuming after the last key.</summary>
internal sealed class ListReader(ObjectStore store)
{
    /// <summary>Reads the page <paramref name="query"/> asks for from the collection (a namespace of it, when given).</summary>
    /// <exception cref="StatusException">400 for a bad continue token, 504 for a resourceVersion from the future.</exception>
    public ListPage Read(string storage, string ns, ListQuery query)
    {
        var rangeStart = ns.Length > 0 ? StorageKeys.NamespaceStart(ns) : null;
        var rangeEnd = ns.Length > 0 ? StorageKeys.NamespaceEnd(ns) : null;
        lock (store.Gate)
        {
            var current = store.CurrentResourceVersion;
            var listVersion = current;
            var start = rangeStart;
            if (query.Continue is not null)
            {
                var (tokenVersion, startKey) = ContinueToken.Decode(query.Continue);
                store.Compact(DateTimeOffset.UtcNow);
                if (tokenVersion < store.CompactedResourceVersion)
                {
                    throw StatusObjects.Expired(
                        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, " +
                        "or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an " +
                        "inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
                }

                listVersion = tokenVersion;
                if (rangeStart is null || string.CompareOrdinal(startKey, rangeStart) > 0)
                {
                    start = startKey;
                }
            }
            else if (query.ResourceVersion is not null && long.Parse(query.ResourceVersion, CultureInfo.InvariantCulture) > current)
            {
                throw StatusObjects.TooLargeResourceVersion(query.ResourceVersion, current);
            }

            var pinnedName = query.Fields.PinnedName;
            if (pinnedName is not null && ns.Length > 0 && listVersion == current)
            {
                var single = store.Get(storage, StorageKeys.For(ns, pinnedName));
                IReadOnlyList<StoredObject> found = single is not null && query.Matches(single) && (start is null || string.CompareOrdinal(single.Key, start) >= 0) ? [single] : [];
                return new ListPage(found, listVersion, null, null);
            }

            var items = new List<StoredObject>(query.Limit > 0 ? Math.Min(query.Limit, 1024) : 64);
            string? lastKey = null;
            var more = false;
            var candidates = listVersion < current ? store.RangeAt(storage, start, rangeEnd, listVersion) : store.Range(storage, start, rangeEnd);
            foreach (var candidate in candidates)
            {
                if (query.Limit > 0 && items.Count == query.Limit)
                {
                    more = true;
                    break;
                }

                lastKey = candidate.Key;
                if (query.Matches(candidate))
                {
                    items.Add(candidate);
                }
            }

            if (!more || lastKey is null)
            {
                return new ListPage(items, listVersion, null, null);
            }

            var next = lastKey + "\u0000";
            long? remaining = query.Labels.IsEmpty && query.Fields.IsEmpty ? store.CountRange(storage, next, rangeEnd) : null;
            return new ListPage(items, listVersion, ContinueToken.Encode(listVersion, next), remaining);
        }
    }
}
