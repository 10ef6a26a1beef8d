namespace KubeApiEmulator.Routing.Gateway;

/// <summary>Answer with an error status: 500 for an invalid backend as the specification requires, 503 for an unmapped ClusterIP Service.</summary>
internal sealed record GatewayFailure(HttpRouteState Route, RouteRule Rule, int StatusCode, string Reason) : GatewayDecision(Route, Rule);
