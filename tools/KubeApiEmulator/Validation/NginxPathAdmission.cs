using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KubeApiEmulator.Api;

namespace KubeApiEmulator.Validation;

/// <summary>
/// The admission webhook of ingress-nginx with strict path validation (strict-validate-path-type, on by default
/// in recent releases): Exact and Prefix paths may hold only letters, digits, '_', '-' and '/', so a
/// challenge path such as /.well-known/acme-challenge/x is rejected unless its pathType is ImplementationSpecific.
/// Enabled with --ingress-nginx-strict-paths.
/// </summary>
internal static partial class NginxPathAdmission
{
    /// <summary>Throws the webhook's denial when an Exact or Prefix path has other characters.</summary>
    /// <exception cref="StatusException">400 with the webhook's message.</exception>
    public static void Check(JsonObject ingress)
    {
        var invalid = (ingress.Get("spec", "rules") as JsonArray ?? [])
            .SelectMany(rule => rule.Get("http", "paths") as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(path => (Type: path.GetString("pathType") ?? string.Empty, Path: path.GetString("path") ?? string.Empty))
            .FirstOrDefault(p => p.Type is "Exact" or "Prefix" && !ValidPath().IsMatch(p.Path));
        if (invalid.Path is not null)
        {
            throw StatusObjects.BadRequest(
                $"admission webhook \"validate.nginx.ingress.kubernetes.io\" denied the request: ingress contains invalid paths: path {invalid.Path} cannot be used with pathType {invalid.Type}");
        }
    }

    [GeneratedRegex(@"^/[A-Za-z0-9_\-/]*$")]
    private static partial Regex ValidPath();
}
