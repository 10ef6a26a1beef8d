using System.Globalization;
using System.Text.Json.Nodes;

namespace KubeApiEmulator.Routing.Gateway;

/// <summary>Builds the Location of a RequestRedirect filter by the specification's scheme, hostname, port and path rules.</summary>
internal static class RedirectLocation
{
    /// <summary>The Location for <paramref name="request"/> received on a listener with port <paramref name="listenerPort"/>.</summary>
    public static string Build(JsonObject redirect, JsonObject match, GatewayRequest request, int listenerPort)
    {
        var explicitScheme = redirect.GetString("scheme");
        var scheme = explicitScheme ?? request.Scheme;
        var host = redirect.GetString("hostname") ?? request.Host;

        // No port given: the well-known port of an explicit scheme, otherwise the listener's port.
        var port = redirect["port"] is JsonValue value && value.TryGetValue<int>(out var given) ? given
            : explicitScheme switch { "https" => 443, "http" => 80, _ => listenerPort };
        var defaultPort = (scheme == "http" && port == 80) || (scheme == "https" && port == 443);
        var authority = defaultPort ? host : host + ":" + port.ToString(CultureInfo.InvariantCulture);
        var path = PathRewrite.Apply(redirect["path"] as JsonObject, match, request.Path);
        return scheme + "://" + authority + path + request.Query;
    }
}
