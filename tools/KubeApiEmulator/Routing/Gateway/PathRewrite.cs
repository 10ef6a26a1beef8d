using System.Text.Json.Nodes;

namespace KubeApiEmulator.Routing.Gateway;

/// <summary>The path modifiers of RequestRedirect and URLRewrite: ReplaceFullPath and ReplacePrefixMatch.</summary>
internal static class PathRewrite
{
    /// <summary>The path after applying <paramref name="modifier"/> (null keeps it) to a request that matched <paramref name="match"/>.</summary>
    public static string Apply(JsonObject? modifier, JsonObject match, string path)
    {
        switch (modifier.GetString("type"))
        {
            case "ReplaceFullPath":
                return modifier.GetString("replaceFullPath") ?? path;
            case "ReplacePrefixMatch":
                {
                    // Whole path elements are replaced: /foo/bar with prefix /foo and replacement /xyz becomes /xyz/bar.
                    var prefix = RouteMatching.Path(match).Value.TrimEnd('/');
                    var rest = path.Length >= prefix.Length ? path[prefix.Length..] : string.Empty;
                    var replacement = (modifier.GetString("replacePrefixMatch") ?? "/").TrimEnd('/');
                    var result = replacement + rest;
                    return result.Length == 0 ? "/" : result.StartsWith('/') ? result : "/" + result;
                }

            default:
                return path;
        }
    }
}
