namespace KubeApiEmulator.Patching;

/// <summary>
/// The lists that a strategic merge patch merges instead of replacing, per kind, taken from the
/// patchStrategy/patchMergeKey tags of the Kubernetes API types served here. Every other list is atomic
/// (for networking.k8s.io/v1 Ingress, spec.rules, spec.tls and http.paths have no merge key and are replaced whole).
/// </summary>
internal static class PatchStrategies
{
    private static readonly Dictionary<string, ListStrategy> Common = new(StringComparer.Ordinal)
    {
        ["metadata.finalizers"] = new ListStrategy(null),
        ["metadata.ownerReferences"] = new ListStrategy("uid"),
    };

    private static readonly Dictionary<string, Dictionary<string, ListStrategy>> ByKind = new(StringComparer.Ordinal)
    {
        ["Service"] = new(StringComparer.Ordinal)
        {
            ["spec.ports"] = new ListStrategy("port"),
            ["status.conditions"] = new ListStrategy("type"),
        },
        ["Namespace"] = new(StringComparer.Ordinal)
        {
            ["status.conditions"] = new ListStrategy("type"),
        },
    };

    /// <summary>The merge strategy of the list at <paramref name="path"/> (dotted field names), or null when atomic.</summary>
    public static ListStrategy? For(string kind, string path)
    {
        if (Common.TryGetValue(path, out var common))
        {
            return common;
        }

        return ByKind.TryGetValue(kind, out var table) && table.TryGetValue(path, out var strategy) ? strategy : null;
    }
}
