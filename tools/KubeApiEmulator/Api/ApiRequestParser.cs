using KubeApiEmulator.Discovery;

namespace KubeApiEmulator.Api;

/// <summary>Decodes /api/v1/... and /apis/group/version/... resource URLs.</summary>
internal static class ApiRequestParser
{
    /// <summary>Returns the resource request of <paramref name="context"/>, or null when the path is not a resource path.</summary>
    /// <exception cref="StatusException">404 for an unknown resource in a served group/version.</exception>
    public static ApiRequest? Parse(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group, version;
        int rest;
        if (segments.Length >= 2 && segments[0] == "api")
        {
            (group, version, rest) = (string.Empty, segments[1], 2);
        }
        else if (segments.Length >= 3 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], 3);
        }
        else
        {
            return null;
        }

        var parts = segments[rest..];
        if (parts.Length == 0)
        {
            return null;
        }

        var isWatchPath = false;
        if (parts[0] == "watch")
        {
            isWatchPath = true;
            parts = parts[1..];
        }

        var ns = string.Empty;
        if (parts.Length >= 3 && parts[0] == "namespaces" && !ResourceCatalog.Namespaces.Subresources.Contains(parts[2]))
        {
            ns = parts[1];
            parts = parts[2..];
        }

        if (parts.Length is 0 or > 3)
        {
            throw StatusObjects.PathNotFound();
        }

        var type = ResourceCatalog.Find(group, version, parts[0]) ?? throw StatusObjects.PathNotFound();
        var name = parts.Length > 1 ? parts[1] : string.Empty;
        var subresource = parts.Length > 2 ? parts[2] : string.Empty;
        if (subresource.Length > 0 && !type.Subresources.Contains(subresource))
        {
            throw StatusObjects.PathNotFound();
        }

        if (!type.Namespaced && ns.Length > 0)
        {
            throw StatusObjects.PathNotFound();
        }

        var method = context.Request.Method;
        var watchParameter = context.Request.Query["watch"].ToString();
        var isWatch = isWatchPath || watchParameter is "true" or "1";
        var verb = method switch
        {
            "GET" or "HEAD" when isWatch => "watch",
            "GET" or "HEAD" => name.Length == 0 ? "list" : "get",
            "POST" when name.Length == 0 || subresource.Length > 0 => "create",
            "PUT" when name.Length > 0 => "update",
            "PATCH" when name.Length > 0 => "patch",
            "DELETE" => name.Length == 0 ? "deletecollection" : "delete",
            _ => throw StatusObjects.MethodNotAllowed(method, type),
        };
        return new ApiRequest(verb, type, ns, name, subresource);
    }
}
