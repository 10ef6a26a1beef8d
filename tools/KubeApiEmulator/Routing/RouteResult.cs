namespace KubeApiEmulator.Routing;

/// <summary>The routing decision for one request: an upstream, or a status code with a reason.</summary>
internal sealed record RouteResult(Upstream? Upstream, int StatusCode, string Reason)
{
    /// <summary>No Ingress path matched: the default backend answers 404.</summary>
    public static RouteResult DefaultBackend { get; } = new(null, 404, "default backend - 404");

    /// <summary>A matching path whose backend cannot be reached (ingress-nginx answers 503).</summary>
    public static RouteResult Unavailable(string reason) => new(null, 503, reason);
}
