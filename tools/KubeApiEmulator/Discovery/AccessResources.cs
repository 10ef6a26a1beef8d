namespace KubeApiEmulator.Discovery;

/// <summary>The resources of identity and access: ServiceAccounts (with TokenRequest) and the rbac.authorization.k8s.io/v1 kinds.</summary>
internal static class AccessResources
{
    /// <summary>The RBAC API group.</summary>
    public const string RbacGroup = "rbac.authorization.k8s.io";

    /// <summary>core/v1 ServiceAccounts (+ serviceaccounts/token, the TokenRequest subresource).</summary>
    public static readonly ResourceType ServiceAccounts = new("", "v1", "ServiceAccount", "serviceaccounts", "serviceaccount", true, ["sa"], ["token"], "serviceaccounts");

    /// <summary>rbac.authorization.k8s.io/v1 Roles.</summary>
    public static readonly ResourceType Roles = new(RbacGroup, "v1", "Role", "roles", "role", true, [], [], "roles");

    /// <summary>rbac.authorization.k8s.io/v1 RoleBindings.</summary>
    public static readonly ResourceType RoleBindings = new(RbacGroup, "v1", "RoleBinding", "rolebindings", "rolebinding", true, [], [], "rolebindings");

    /// <summary>rbac.authorization.k8s.io/v1 ClusterRoles.</summary>
    public static readonly ResourceType ClusterRoles = new(RbacGroup, "v1", "ClusterRole", "clusterroles", "clusterrole", false, [], [], "clusterroles");

    /// <summary>rbac.authorization.k8s.io/v1 ClusterRoleBindings.</summary>
    public static readonly ResourceType ClusterRoleBindings = new(RbacGroup, "v1", "ClusterRoleBinding", "clusterrolebindings", "clusterrolebinding", false, [], [], "clusterrolebindings");

    /// <summary>Every access resource, in discovery order.</summary>
    public static IReadOnlyList<ResourceType> All { get; } = [ServiceAccounts, ClusterRoleBindings, ClusterRoles, RoleBindings, Roles];
}
