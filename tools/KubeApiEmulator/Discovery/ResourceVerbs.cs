namespace KubeApiEmulator.Discovery;

/// <summary>The verbs each served resource really has, as the real server's discovery lists them.</summary>
internal static class ResourceVerbs
{
    private static readonly string[] All = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    // Namespace storage has no DeleteCollection: a namespace is only ever deleted one by one.
    private static readonly string[] WithoutDeleteCollection = ["create", "delete", "get", "list", "patch", "update", "watch"];

    /// <summary>The verbs of the main resource of <paramref name="type"/>.</summary>
    public static IReadOnlyList<string> For(ResourceType type) =>
        type.Group.Length == 0 && type.Plural == "namespaces" ? WithoutDeleteCollection : All;

    /// <summary>The verbs of a subresource.</summary>
    public static IReadOnlyList<string> ForSubresource(string subresource) => subresource switch
    {
        "finalize" => ["update"],
        "token" => ["create"],
        _ => ["get", "patch", "update"],
    };
}
