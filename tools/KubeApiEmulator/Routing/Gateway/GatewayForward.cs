using System.Text.Json.Nodes;

namespace KubeApiEmulator.Routing.Gateway;

/// <summary>Send the request to <paramref name="Upstream"/> at <paramref name="Path"/>, with the Host header and header filters of the rule.</summary>
internal sealed record GatewayForward(
    HttpRouteState Route,
    RouteRule Rule,
    Uri Upstream,
    string Path,
    string? HostHeader,
    JsonObject? RequestHeaders,
    JsonObject? ResponseHeaders) : GatewayDecision(Route, Rule);
