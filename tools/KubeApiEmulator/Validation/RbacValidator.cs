using System.Text.Json.Nodes;

namespace KubeApiEmulator.Validation;

/// <summary>rbac.authorization.k8s.io/v1 validation: rules need verbs and targets, bindings a valid roleRef that never changes.</summary>
internal static class RbacValidator
{
    private const string Group = "rbac.authorization.k8s.io";

    /// <summary>Checks the rules of a Role (<paramref name="namespaced"/>) or ClusterRole.</summary>
    public static void ValidateRole(ValidationContext context, bool namespaced)
    {
        var rules = context.Object["rules"] as JsonArray ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i] as JsonObject ?? [];
            var path = $"rules[{i}]";
            if (Count(rule, "verbs") == 0)
            {
                context.Add(FieldError.Required(path + ".verbs", "verbs must contain at least one value"));
            }

            if (Count(rule, "nonResourceURLs") > 0)
            {
                if (namespaced)
                {
                    context.Add(FieldError.InvalidRaw(path + ".nonResourceURLs", GoStrings(rule["nonResourceURLs"]), "namespaced rules cannot apply to non-resource URLs"));
                }

                continue;
            }

            if (Count(rule, "apiGroups") == 0)
            {
                context.Add(FieldError.Required(path + ".apiGroups", "resource rules must supply at least one api group"));
            }

            if (Count(rule, "resources") == 0)
            {
                context.Add(FieldError.Required(path + ".resources", "resource rules must supply at least one resource"));
            }
        }
    }

    /// <summary>Checks the roleRef of a RoleBinding (<paramref name="namespaced"/>) or ClusterRoleBinding.</summary>
    public static void ValidateBinding(ValidationContext context, bool namespaced)
    {
        var roleRef = context.Object["roleRef"] as JsonObject ?? [];
        var apiGroup = roleRef.GetString("apiGroup") ?? string.Empty;
        if (apiGroup != Group)
        {
            context.Add(FieldError.NotSupported("roleRef.apiGroup", apiGroup, [Group]));
        }

        var kind = roleRef.GetString("kind") ?? string.Empty;
        string[] kinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"];
        if (!kinds.Contains(kind))
        {
            context.Add(FieldError.NotSupported("roleRef.kind", kind, kinds));
        }

        if (string.IsNullOrEmpty(roleRef.GetString("name")))
        {
            context.Add(FieldError.Required("roleRef.name"));
        }

        if (context.Old?["roleRef"] is JsonObject oldRef && !JsonNode.DeepEquals(oldRef, roleRef))
        {
            var printed = $"rbac.RoleRef{{APIGroup:\"{apiGroup}\", Kind:\"{kind}\", Name:\"{roleRef.GetString("name")}\"}}";
            context.Add(FieldError.InvalidRaw("roleRef", printed, "cannot change roleRef"));
        }
    }

    private static int Count(JsonObject rule, string field) => (rule[field] as JsonArray)?.Count ?? 0;

    private static string GoStrings(JsonNode? values) =>
        "[]string{" + string.Join(", ", (values as JsonArray ?? []).Select(v => FieldError.Quote(v?.ToString() ?? string.Empty))) + "}";
}
