namespace CertFunctions.Core.Kubernetes.Routing.HttpRoutes;

/// <summary>Where a solver HTTPRoute sends the challenge: a redirect to the responder's URL, or the responder Service.</summary>
/// <param name="Strategy">Redirect or Backend.</param>
/// <param name="RedirectTo">Redirect: the responder's public base URL.</param>
/// <param name="ServiceName">Backend: the responder Service in the Gateway's namespace.</param>
/// <param name="ServicePort">Backend: its port.</param>
/// <param name="RewriteHost">Backend: the host name the responder needs (the Function App's), set with a URLRewrite filter; null keeps the challenge host.</param>
public sealed record SolverHttpRouteTarget(GatewayRouting Strategy, Uri? RedirectTo, string? ServiceName, int ServicePort, string? RewriteHost)
{
    /// <summary>A redirect to <paramref name="responderUrl"/>.</summary>
    public static SolverHttpRouteTarget Redirect(Uri responderUrl) => new(GatewayRouting.Redirect, responderUrl, null, 0, null);

    /// <summary>A backendRef to Service <paramref name="service"/>:<paramref name="port"/>.</summary>
    public static SolverHttpRouteTarget Backend(string service, int port, string? rewriteHost) => new(GatewayRouting.Backend, null, service, port, rewriteHost);
}
