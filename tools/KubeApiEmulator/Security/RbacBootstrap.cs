using System.Text.Json.Nodes;

namespace KubeApiEmulator.Security;

/// <summary>
/// The bootstrap policy a new cluster has that matters here: cluster-admin for system:masters, discovery and the
/// self-reviews for every authenticated user, health and version for everyone (system:public-info-viewer).
/// </summary>
internal static class RbacBootstrap
{
    /// <summary>The ClusterRoles, as JSON bodies.</summary>
    public static IEnumerable<JsonObject> ClusterRoles()
    {
        yield return Role("cluster-admin",
            new JsonObject { ["apiGroups"] = Strings("*"), ["resources"] = Strings("*"), ["verbs"] = Strings("*") },
            new JsonObject { ["nonResourceURLs"] = Strings("*"), ["verbs"] = Strings("*") });
        yield return Role("system:discovery", new JsonObject
        {
            ["nonResourceURLs"] = Strings("/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"),
            ["verbs"] = Strings("get"),
        });
        yield return Role("system:basic-user", new JsonObject
        {
            ["apiGroups"] = Strings("authorization.k8s.io"),
            ["resources"] = Strings("selfsubjectaccessreviews", "selfsubjectrulesreviews"),
            ["verbs"] = Strings("create"),
        }, new JsonObject
        {
            ["apiGroups"] = Strings("authentication.k8s.io"),
            ["resources"] = Strings("selfsubjectreviews"),
            ["verbs"] = Strings("create"),
        });
        yield return Role("system:public-info-viewer", new JsonObject
        {
            ["nonResourceURLs"] = Strings("/healthz", "/livez", "/readyz", "/version", "/version/"),
            ["verbs"] = Strings("get"),
        });
    }

    /// <summary>The ClusterRoleBindings, as JSON bodies.</summary>
    public static IEnumerable<JsonObject> ClusterRoleBindings()
    {
        yield return Binding("cluster-admin", UserInfo.Masters);
        yield return Binding("system:discovery", UserInfo.Authenticated);
        yield return Binding("system:basic-user", UserInfo.Authenticated);
        yield return Binding("system:public-info-viewer", UserInfo.Authenticated, "system:unauthenticated");
    }

    private static JsonObject Role(string name, params JsonObject[] rules) => new()
    {
        ["metadata"] = Metadata(name),
        ["rules"] = new JsonArray([.. rules]),
    };

    private static JsonObject Binding(string name, params string[] groups) => new()
    {
        ["metadata"] = Metadata(name),
        ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = name },
        ["subjects"] = new JsonArray([.. groups.Select(g => (JsonNode)new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "Group", ["name"] = g })]),
    };

    private static JsonObject Metadata(string name) => new()
    {
        ["name"] = name,
        ["labels"] = new JsonObject { ["kubernetes.io/bootstrapping"] = "rbac-defaults" },
        ["annotations"] = new JsonObject { ["rbac.authorization.kubernetes.io/autoupdate"] = "true" },
    };

    private static JsonArray Strings(params string[] values) => new([.. values.Select(v => (JsonNode)v)]);
}
