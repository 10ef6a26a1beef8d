using System.Text.Json.Nodes;

namespace KubeApiEmulator.Storage;

/// <summary>The fields a field selector may use per stored resource, as the real server allows them.</summary>
internal static class FieldIndex
{
    private static readonly Dictionary<string, string[][]> Extra = new(StringComparer.Ordinal)
    {
        ["secrets"] = [["type"]],
        ["services"] = [["spec", "clusterIP"], ["spec", "type"]],
        ["namespaces"] = [["status", "phase"]],
        ["events"] =
        [
            ["involvedObject", "kind"], ["involvedObject", "namespace"], ["involvedObject", "name"], ["involvedObject", "uid"],
            ["involvedObject", "apiVersion"], ["involvedObject", "resourceVersion"], ["involvedObject", "fieldPath"],
            ["reason"], ["reportingComponent"], ["source"], ["type"],
        ],
    };

    /// <summary>True when <paramref name="field"/> may be used in a field selector on <paramref name="storage"/>.</summary>
    public static bool Supports(string storage, string field) =>
        field is "metadata.name" or "metadata.namespace" ||
        (Extra.TryGetValue(storage, out var paths) && paths.Any(p => string.Join('.', p) == field));

    /// <summary>The selectable field values of <paramref name="obj"/>.</summary>
    public static Dictionary<string, string> Compute(string storage, JsonObject obj)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["metadata.name"] = obj.GetString("metadata", "name") ?? string.Empty,
            ["metadata.namespace"] = obj.GetString("metadata", "namespace") ?? string.Empty,
        };
        if (Extra.TryGetValue(storage, out var paths))
        {
            foreach (var path in paths)
            {
                var value = obj.Get(path);
                fields[string.Join('.', path)] = path[^1] == "source" && value is JsonObject source
                    ? source.GetString("component") ?? string.Empty
                    : value is JsonValue v ? v.ToString() : string.Empty;
            }
        }

        return fields;
    }
}
