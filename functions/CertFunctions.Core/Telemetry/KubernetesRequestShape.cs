namespace CertFunctions.Core.Telemetry;

/// <summary>The verb and resource of a Kubernetes API request, read from its method and path the way the API server's audit does.</summary>
public static class KubernetesRequestShape
{
    /// <summary>
    /// Returns (verb, resource): <c>/api/v1/namespaces/a/secrets/b</c> with GET is (get, secrets), without a name
    /// (list, secrets), with <c>watch=true</c> (watch, secrets); <c>.../ingresses/b/status</c> is ingresses/status.
    /// </summary>
    public static (string Verb, string Resource) Of(HttpMethod method, Uri? uri)
    {
        ArgumentNullException.ThrowIfNull(method);
        var segments = uri is null ? [] : uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);

        // /api/{version}/... or /apis/{group}/{version}/...; then optional namespaces/{ns}, then resource[/name[/subresource]].
        var index = segments.Length > 0 && segments[0] == "api" ? 2 : segments.Length > 0 && segments[0] == "apis" ? 3 : segments.Length;
        if (index + 1 < segments.Length && segments[index] == "namespaces" && index + 2 < segments.Length)
        {
            index += 2;
        }

        var rest = index < segments.Length ? segments[index..] : [];
        var resource = rest.Length switch
        {
            0 => "other",
            >= 3 => rest[0] + "/" + rest[2],
            _ => rest[0],
        };
        var named = rest.Length >= 2;
        var watch = uri?.Query.Contains("watch=true", StringComparison.OrdinalIgnoreCase) == true;
        var verb = method.Method switch
        {
            "GET" when watch => "watch",
            "GET" => named ? "get" : "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => named ? "delete" : "deletecollection",
            var other => other.ToLowerInvariant(),
        };
        return (verb, resource);
    }
}
