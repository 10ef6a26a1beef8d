namespace KubeApiEmulator.Discovery;

/// <summary>One served resource: its group/version/kind, URL name and scope.</summary>
internal sealed record ResourceType(
    string Group,
    string Version,
    string Kind,
    string Plural,
    string Singular,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Subresources,
    string StorageName,
    bool IsCustomResource = false,
    IReadOnlyList<string>? Categories = null)
{
    /// <summary>The verbs every served resource supports.</summary>
    public static IReadOnlyList<string> Verbs { get; } = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>"v1" or "group/v1" as written in apiVersion.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>"secrets" or "ingresses.networking.k8s.io", as the real server names resources in messages.</summary>
    public string QualifiedResource => Group.Length == 0 ? Plural : Plural + "." + Group;

    /// <summary>"Secret" or "Ingress.networking.k8s.io", as the real server names kinds in Invalid messages.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : Kind + "." + Group;

    /// <summary>The URL prefix of this group/version: /api/v1 or /apis/group/version.</summary>
    public string PathPrefix => Group.Length == 0 ? "/api/" + Version : "/apis/" + Group + "/" + Version;
}
