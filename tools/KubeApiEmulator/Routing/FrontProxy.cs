using KubeApiEmulator.Options;
using KubeApiEmulator.Routing.Gateway;

namespace KubeApiEmulator.Routing;

/// <summary>
/// The HTTP front: a request is routed by the HTTPRoutes of the Gateway listeners the front port plays (port 80 by
/// default) when one matches, otherwise by the current Ingresses, and relayed to the upstream, redirects passed through.
/// </summary>
internal sealed partial class FrontProxy(IngressRouter router, GatewayFront gateways, UpstreamForwarder forwarder, EmulatorOptions options, ILogger<FrontProxy> logger)
{
    /// <summary>Serves one front request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        if (await gateways.TryServeAsync(context, options.GatewayFrontListenerPort))
        {
            return;
        }

        var request = context.Request;
        var host = request.Host.Host;
        var path = request.Path.Value ?? "/";
        var result = router.Route(host, path);
        if (result.Upstream is not Upstream upstream)
        {
            LogNoRoute(logger, host, path, result.StatusCode, result.Reason);
            context.Response.StatusCode = result.StatusCode;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(result.Reason + "\n", context.RequestAborted);
            return;
        }

        var target = new Uri(upstream.BaseUrl.GetLeftPart(UriPartial.Authority) + upstream.BaseUrl.AbsolutePath.TrimEnd('/') + request.Path + request.QueryString);
        await forwarder.ForwardAsync(context, target, upstream.HostHeader, $"ingress {upstream.Route.Namespace}/{upstream.Route.IngressName}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "front {Host}{Path}: {StatusCode} {Reason}")]
    private static partial void LogNoRoute(ILogger logger, string host, string path, int statusCode, string reason);
}
