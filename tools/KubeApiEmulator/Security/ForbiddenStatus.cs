using System.Text.Json.Nodes;
using KubeApiEmulator.Api;

namespace KubeApiEmulator.Security;

/// <summary>The 403 of an authorization denial, worded as the real server's forbidden response.</summary>
internal static class ForbiddenStatus
{
    /// <summary>The error for <paramref name="user"/> denied <paramref name="attributes"/>, with RBAC's reason when it has one.</summary>
    public static StatusException For(UserInfo user, RequestAttributes attributes, string reason)
    {
        string explanation;
        if (!attributes.IsResourceRequest)
        {
            explanation = $"User \"{user.Name}\" cannot {attributes.Verb} path \"{attributes.Path}\"";
        }
        else
        {
            var resource = attributes.Subresource.Length == 0 ? attributes.Resource : attributes.Resource + "/" + attributes.Subresource;
            var scope = attributes.Namespace.Length > 0 ? $"in the namespace \"{attributes.Namespace}\"" : "at the cluster scope";
            explanation = $"User \"{user.Name}\" cannot {attributes.Verb} resource \"{resource}\" in API group \"{attributes.Group}\" {scope}";
        }

        if (reason.Length > 0)
        {
            explanation += ": " + reason;
        }

        var details = new JsonObject();
        if (attributes.Name.Length > 0)
        {
            details["name"] = attributes.Name;
        }

        if (attributes.Group.Length > 0)
        {
            details["group"] = attributes.Group;
        }

        if (attributes.Resource.Length > 0)
        {
            details["kind"] = attributes.Resource;
        }

        var qualified = attributes.Group.Length == 0 ? attributes.Resource : attributes.Resource + "." + attributes.Group;
        var message = qualified.Length == 0 ? "forbidden: " + explanation
            : attributes.Name.Length == 0 ? $"{qualified} is forbidden: {explanation}"
            : $"{qualified} \"{attributes.Name}\" is forbidden: {explanation}";
        return new StatusException(403, "Forbidden", message, details);
    }
}
