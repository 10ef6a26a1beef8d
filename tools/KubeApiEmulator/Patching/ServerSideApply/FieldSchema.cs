namespace KubeApiEmulator.Patching.ServerSideApply;

/// <summary>
/// The structure server-side apply needs for the kinds served here, from the list-type, list-map-keys and map-type
/// markers of the Kubernetes API types (k8s.io/api) and the Gateway API CRDs. A path is the dotted field names
/// without list positions (<c>spec.ports.targetPort</c>). Lists are atomic unless named here; maps of strings and
/// structs are granular, except the atomic maps named here.
/// </summary>
internal static class FieldSchema
{
    private static readonly Dictionary<string, (ListType Type, string[] Keys)> CommonLists = new(StringComparer.Ordinal)
    {
        ["metadata.finalizers"] = (ListType.Set, []),
        ["metadata.ownerReferences"] = (ListType.Map, ["uid"]),
    };

    private static readonly Dictionary<string, Dictionary<string, (ListType Type, string[] Keys)>> ListsByKind = new(StringComparer.Ordinal)
    {
        ["Service"] = new(StringComparer.Ordinal)
        {
            ["spec.ports"] = (ListType.Map, ["port", "protocol"]),
            ["spec.ipFamilies"] = (ListType.Atomic, []),
            ["status.conditions"] = (ListType.Map, ["type"]),
        },
        ["Namespace"] = new(StringComparer.Ordinal)
        {
            ["status.conditions"] = (ListType.Map, ["type"]),
        },
        ["Gateway"] = new(StringComparer.Ordinal)
        {
            ["spec.listeners"] = (ListType.Map, ["name"]),
            ["status.listeners"] = (ListType.Map, ["name"]),
            ["status.conditions"] = (ListType.Map, ["type"]),
        },
        ["GatewayClass"] = new(StringComparer.Ordinal)
        {
            ["status.conditions"] = (ListType.Map, ["type"]),
        },
    };

    private static readonly Dictionary<string, HashSet<string>> AtomicMapsByKind = new(StringComparer.Ordinal)
    {
        ["Service"] = new(StringComparer.Ordinal) { "spec.selector" },
    };

    // Maps (not structs): an Update that adds one owns the map itself as well as its keys, as the real server records.
    private static readonly HashSet<string> StringMaps = new(StringComparer.Ordinal)
    {
        "metadata.labels", "metadata.annotations", "data", "stringData", "binaryData", "spec.selector",
    };

    /// <summary>The list type at <paramref name="path"/> and, for a map list, its key fields.</summary>
    public static (ListType Type, string[] Keys) ListAt(string kind, string path)
    {
        if (CommonLists.TryGetValue(path, out var common))
        {
            return common;
        }

        return ListsByKind.TryGetValue(kind, out var lists) && lists.TryGetValue(path, out var list) ? list : (ListType.Atomic, []);
    }

    /// <summary>True for a map owned and replaced as a whole (x-kubernetes-map-type: atomic).</summary>
    public static bool IsAtomicMap(string kind, string path) =>
        AtomicMapsByKind.TryGetValue(kind, out var maps) && maps.Contains(path);

    /// <summary>True for a map of strings (labels, annotations, Secret data) rather than a struct.</summary>
    public static bool IsStringMap(string path) => StringMaps.Contains(path);

    /// <summary>The path of field <paramref name="name"/> below <paramref name="path"/>.</summary>
    public static string Below(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
