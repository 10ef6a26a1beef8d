namespace KubeApiEmulator.Routing.Gateway;

/// <summary>What the Gateway front does with a request that an HTTPRoute rule matched.</summary>
internal abstract record GatewayDecision(HttpRouteState Route, RouteRule Rule);
