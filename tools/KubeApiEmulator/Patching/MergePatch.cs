using System.Text.Json.Nodes;

namespace KubeApiEmulator.Patching;

/// <summary>RFC 7386 JSON merge patch.</summary>
internal static class MergePatch
{
    /// <summary>Returns <paramref name="target"/> with <paramref name="patch"/> merged in (target may be modified).</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else if (value is JsonObject && result[name] is JsonObject existing)
            {
                Apply(existing, value);
            }
            else
            {
                result[name] = Apply(null, value);
            }
        }

        return result;
    }
}
