namespace KubeApiEmulator.Routing.Gateway;

/// <summary>Answer with a redirect (a RequestRedirect filter).</summary>
internal sealed record GatewayRedirect(HttpRouteState Route, RouteRule Rule, int StatusCode, string Location) : GatewayDecision(Route, Rule);
