namespace KubeApiEmulator.Security;

/// <summary>Who made a request, as the authenticator hands it to the authorizer: user name, uid and groups.</summary>
internal sealed record UserInfo(string Name, string Uid, IReadOnlyList<string> Groups)
{
    /// <summary>The group every authenticated user is in.</summary>
    public const string Authenticated = "system:authenticated";

    /// <summary>The group the cluster administrator is in; RBAC lets it do everything.</summary>
    public const string Masters = "system:masters";

    /// <summary>A request without credentials, as a cluster with anonymous authentication sees it.</summary>
    public static UserInfo Anonymous { get; } = new("system:anonymous", string.Empty, ["system:unauthenticated"]);

    /// <summary>The holder of the --token, the kubeconfig's user.</summary>
    public static UserInfo Admin { get; } = new("kubernetes-admin", string.Empty, [Masters, Authenticated]);

    /// <summary>The user a service account's token authenticates as.</summary>
    public static UserInfo ForServiceAccount(string ns, string name, string uid) =>
        new($"system:serviceaccount:{ns}:{name}", uid, ["system:serviceaccounts", "system:serviceaccounts:" + ns, Authenticated]);

    /// <summary>True for members of system:masters.</summary>
    public bool IsMaster => Groups.Contains(Masters);
}
