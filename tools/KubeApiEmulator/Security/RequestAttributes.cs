namespace KubeApiEmulator.Security;

/// <summary>
/// What the authorizer decides on, read from the URL the way the real RequestInfoFactory reads it: a resource request
/// (verb, API group, resource, subresource, namespace, name) or a non-resource path with the lower-cased HTTP method.
/// </summary>
internal sealed record RequestAttributes(
    bool IsResourceRequest, string Verb, string Group, string Version, string Resource, string Subresource, string Namespace, string Name, string Path)
{
    private static readonly HashSet<string> NamespaceSubresources = new(StringComparer.Ordinal) { "status", "finalize" };

    /// <summary>A resource request for an access review.</summary>
    public static RequestAttributes ForResource(string verb, string group, string resource, string subresource, string ns, string name) =>
        new(true, verb, group, string.Empty, resource, subresource, ns, name, string.Empty);

    /// <summary>A non-resource request for an access review.</summary>
    public static RequestAttributes ForPath(string verb, string path) =>
        new(false, verb, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, path);

    /// <summary>The attributes of <paramref name="request"/>.</summary>
    public static RequestAttributes From(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var nonResource = ForPath(request.Method.ToLowerInvariant() is "head" ? "get" : request.Method.ToLowerInvariant(), path);
        if (parts.Length < 3 || parts[0] is not ("api" or "apis"))
        {
            return nonResource;
        }

        var rest = parts[1..];
        var group = string.Empty;
        if (parts[0] == "apis")
        {
            if (rest.Length < 3)
            {
                return nonResource;
            }

            group = rest[0];
            rest = rest[1..];
        }

        var version = rest[0];
        rest = rest[1..];
        string verb;
        var byMethod = true;
        if (rest[0] == "watch" && rest.Length >= 2)
        {
            verb = "watch";
            byMethod = false;
            rest = rest[1..];
        }
        else
        {
            verb = request.Method switch
            {
                "POST" => "create",
                "GET" or "HEAD" => "get",
                "PUT" => "update",
                "PATCH" => "patch",
                "DELETE" => "delete",
                _ => string.Empty,
            };
        }

        var ns = string.Empty;
        if (rest[0] == "namespaces" && rest.Length > 1)
        {
            ns = rest[1];
            if (rest.Length > 2 && !NamespaceSubresources.Contains(rest[2]))
            {
                rest = rest[2..];
            }
        }

        var resource = rest[0];
        var name = rest.Length >= 2 ? rest[1] : string.Empty;
        var subresource = rest.Length >= 3 ? rest[2] : string.Empty;
        if (byMethod && name.Length == 0 && verb == "get")
        {
            var watch = request.Query["watch"].ToString();
            verb = watch is "true" or "1" ? "watch" : "list";
            name = PinnedName(request.Query["fieldSelector"].ToString()) ?? string.Empty;
        }

        if (byMethod && name.Length == 0 && verb == "delete")
        {
            verb = "deletecollection";
        }

        return new RequestAttributes(true, verb, group, version, resource, subresource, ns, name, path);
    }

    // A list or watch pinned to one name by metadata.name is authorized for that name, so resourceNames rules apply.
    private static string? PinnedName(string selector)
    {
        foreach (var term in selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = term.Split(term.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2);
            if (parts.Length == 2 && parts[0].Trim() == "metadata.name" && !parts[0].EndsWith('!') && parts[1].Length > 0 && !parts[1].Contains('/', StringComparison.Ordinal))
            {
                return parts[1].Trim();
            }
        }

        return null;
    }
}
