using System.Text.Json.Nodes;

namespace KubeApiEmulator.Patching.ServerSideApply;

/// <summary>Finds and removes the value a field path (fieldsV1 elements) names in an object.</summary>
internal static class FieldPaths
{
    /// <summary>Removes the field or list item at <paramref name="path"/>; parents left empty by it go too.</summary>
    public static void Remove(JsonObject root, IReadOnlyList<string> path)
    {
        if (path.Count == 0)
        {
            return;
        }

        var parents = new List<(JsonNode Node, string Element)>();
        JsonNode? current = root;
        foreach (var element in path)
        {
            if (current is null)
            {
                return;
            }

            parents.Add((current, element));
            current = Step(current, element);
        }

        if (current is null && !Exists(parents[^1].Node, parents[^1].Element))
        {
            return;
        }

        for (var i = parents.Count - 1; i >= 0; i--)
        {
            var (node, element) = parents[i];
            RemoveChild(node, element);
            var emptied = node is JsonObject { Count: 0 } || node is JsonArray { Count: 0 };
            if (!emptied || i == 0)
            {
                break;
            }
        }
    }

    private static bool Exists(JsonNode parent, string element) =>
        parent is JsonObject obj && element.StartsWith("f:", StringComparison.Ordinal) && obj.ContainsKey(element[2..]);

    private static JsonNode? Step(JsonNode node, string element)
    {
        if (element.StartsWith("f:", StringComparison.Ordinal))
        {
            return node is JsonObject obj ? obj[element[2..]] : null;
        }

        return node is JsonArray array ? array.FirstOrDefault(item => Matches(item, element)) : null;
    }

    private static void RemoveChild(JsonNode node, string element)
    {
        if (element.StartsWith("f:", StringComparison.Ordinal) && node is JsonObject obj)
        {
            obj.Remove(element[2..]);
        }
        else if (node is JsonArray array)
        {
            var index = array.Select((item, i) => (item, i)).FirstOrDefault(p => Matches(p.item, element), (null, -1)).Item2;
            if (index >= 0)
            {
                array.RemoveAt(index);
            }
        }
    }

    private static bool Matches(JsonNode? item, string element)
    {
        if (element.StartsWith("v:", StringComparison.Ordinal))
        {
            return JsonNode.DeepEquals(item, JsonNode.Parse(element[2..]));
        }

        if (element.StartsWith("k:", StringComparison.Ordinal) && item is JsonObject obj)
        {
            var key = JsonNode.Parse(element[2..])!.AsObject();
            return key.All(p => JsonNode.DeepEquals(obj[p.Key], p.Value));
        }

        return false;
    }
}
