using System.Text.Json.Nodes;

namespace KubeApiEmulator.Patching;

/// <summary>
/// The order of a merged list after a strategic merge patch, as the real server computes it: the patch's items in
/// patch order, with the items only the server had slotted in by their server position. An item only the server had
/// goes before the first patch item that comes later on the server, so items new to the list end up first.
/// </summary>
internal static class MergedListOrder
{
    /// <summary>Reorders <paramref name="merged"/> in place and returns it.</summary>
    public static JsonArray Normalize(JsonArray merged, JsonArray patch, IReadOnlyList<JsonNode?> serverOrder, Func<JsonNode?, JsonNode?> identity)
    {
        var patchOrder = patch.Select(identity).ToList();
        int IndexIn(IReadOnlyList<JsonNode?> order, JsonNode? item)
        {
            var key = identity(item);
            for (var i = 0; i < order.Count; i++)
            {
                if (JsonNode.DeepEquals(order[i], key))
                {
                    return i;
                }
            }

            return -1;
        }

        var items = merged.ToList();
        var fromPatch = items.Where(i => IndexIn(patchOrder, i) >= 0).OrderBy(i => IndexIn(patchOrder, i)).ToList();
        var serverOnly = items.Where(i => IndexIn(patchOrder, i) < 0).ToList();
        var result = fromPatch;
        var position = 0;
        foreach (var item in serverOnly)
        {
            var at = position;
            var serverIndex = IndexIn(serverOrder, item);
            while (at < result.Count && IndexIn(serverOrder, result[at]) <= serverIndex)
            {
                at++;
            }

            result.Insert(at, item);
            position = at + 1;
        }

        merged.Clear();
        foreach (var item in result)
        {
            merged.Add(item);
        }

        return merged;
    }
}
