using System.Text.Json.Nodes;
using KubeApiEmulator.Discovery;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Security;

/// <summary>
/// The RBAC authorizer: allows a request when a ClusterRoleBinding, or a RoleBinding in the request's namespace, binds
/// the user (by name, group or service account) to a role with a rule matching the verb, API group, resource,
/// subresource and name, or the non-resource path. system:masters may do everything, as the cluster-admin binding says.
/// </summary>
internal sealed class RbacAuthorizer(ObjectStore store)
{
    /// <summary>The decision on <paramref name="attributes"/> for <paramref name="user"/>, and the reason RBAC gives for a denial.</summary>
    public (bool Allowed, string Reason) Authorize(UserInfo user, RequestAttributes attributes)
    {
        if (user.IsMaster)
        {
            return (true, string.Empty);
        }

        var errors = new List<string>();
        lock (store.Gate)
        {
            foreach (var binding in store.Range(AccessResources.ClusterRoleBindings.StorageName, null, null).Select(b => b.ToNode()))
            {
                if (Binds(binding, user, string.Empty) && Rules(binding, string.Empty, errors).Any(r => Allows(r, attributes)))
                {
                    return (true, string.Empty);
                }
            }

            if (attributes.Namespace.Length > 0)
            {
                var (start, end) = (StorageKeys.NamespaceStart(attributes.Namespace), StorageKeys.NamespaceEnd(attributes.Namespace));
                foreach (var binding in store.Range(AccessResources.RoleBindings.StorageName, start, end).Select(b => b.ToNode()))
                {
                    if (Binds(binding, user, attributes.Namespace) && Rules(binding, attributes.Namespace, errors).Any(r => Allows(r, attributes)))
                    {
                        return (true, string.Empty);
                    }
                }
            }
        }

        return (false, errors.Count == 0 ? string.Empty : "RBAC: " + (errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors) + "]"));
    }

    private static bool Binds(JsonObject binding, UserInfo user, string bindingNamespace)
    {
        foreach (var subject in binding["subjects"] as JsonArray ?? [])
        {
            var name = subject.GetString("name") ?? string.Empty;
            switch (subject.GetString("kind"))
            {
                case "User" when name == user.Name:
                case "Group" when user.Groups.Contains(name):
                    return true;
                case "ServiceAccount":
                    var ns = subject.GetString("namespace");
                    if (string.IsNullOrEmpty(ns))
                    {
                        ns = bindingNamespace;
                    }

                    if ($"system:serviceaccount:{ns}:{name}" == user.Name)
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    private IEnumerable<JsonNode?> Rules(JsonObject binding, string bindingNamespace, List<string> errors)
    {
        var kind = binding.GetString("roleRef", "kind");
        var name = binding.GetString("roleRef", "name") ?? string.Empty;
        var role = kind switch
        {
            "ClusterRole" => store.Get(AccessResources.ClusterRoles.StorageName, name),
            "Role" when bindingNamespace.Length > 0 => store.Get(AccessResources.Roles.StorageName, StorageKeys.For(bindingNamespace, name)),
            _ => null,
        };
        if (role is null)
        {
            // The real authorizer reports a binding to a missing role in its reason, as the role lister's NotFound.
            errors.Add($"{kind?.ToLowerInvariant()}.rbac.authorization.k8s.io \"{name}\" not found");
            return [];
        }

        return role.ToNode()["rules"] as JsonArray ?? [];
    }

    private static bool Allows(JsonNode? rule, RequestAttributes attributes)
    {
        if (!Has(rule, "verbs", attributes.Verb))
        {
            return false;
        }

        if (!attributes.IsResourceRequest)
        {
            return (rule?["nonResourceURLs"] as JsonArray ?? []).Select(u => u?.ToString() ?? string.Empty).Any(u =>
                u == "*" || u == attributes.Path || (u.EndsWith('*') && attributes.Path.StartsWith(u[..^1], StringComparison.Ordinal)));
        }

        if (!Has(rule, "apiGroups", attributes.Group))
        {
            return false;
        }

        var combined = attributes.Subresource.Length == 0 ? attributes.Resource : attributes.Resource + "/" + attributes.Subresource;
        var resources = (rule?["resources"] as JsonArray ?? []).Select(r => r?.ToString()).ToList();
        if (!resources.Any(r => r == "*" || r == combined || (attributes.Subresource.Length > 0 && r == "*/" + attributes.Subresource)))
        {
            return false;
        }

        var names = (rule?["resourceNames"] as JsonArray ?? []).Select(n => n?.ToString()).ToList();
        return names.Count == 0 || (attributes.Name.Length > 0 && names.Contains(attributes.Name));
    }

    private static bool Has(JsonNode? rule, string field, string value) =>
        (rule?[field] as JsonArray ?? []).Any(v => v?.ToString() is { } text && (text == "*" || text == value));
}
