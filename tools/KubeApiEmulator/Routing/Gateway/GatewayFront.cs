using KubeApiEmulator.Routing.Gateway.Tls;
using Microsoft.AspNetCore.Connections.Features;

namespace KubeApiEmulator.Routing.Gateway;

/// <summary>Serves requests on Gateway listener ports: redirects, errors, or a relay to the backend with the rule's filters applied.</summary>
internal sealed partial class GatewayFront(GatewayRouter router, ListenerTls tls, UpstreamForwarder forwarder, ILogger<GatewayFront> logger)
{
    /// <summary>
    /// Serves a request on an HTTPS listener port: routed by the routes of the listener the handshake's server name chose.
    /// A Host that listener does not serve is 421 Misdirected Request (the client reused a connection for another name).
    /// </summary>
    public async Task ServeTlsListenerAsync(HttpContext context, int port)
    {
        var serverName = context.Features.Get<ITlsHandshakeFeature>()?.HostName;
        var listener = tls.Select(port, serverName);
        var request = GatewayRequest.From(context.Request);
        if (listener is null || !Hostnames.Matches(listener.Hostname, request.Host))
        {
            LogMisdirected(logger, port, serverName ?? "(none)", request.Host);
            await WriteTextAsync(context, 421, "misdirected request: the Host is not served by the listener of the TLS server name").ConfigureAwait(false);
            return;
        }

        if (!await ServeAsync(context, request, router.Route(listener, request)).ConfigureAwait(false))
        {
            LogNoRoute(logger, port, request.Host, request.Path);
            await WriteTextAsync(context, 404, "route not found").ConfigureAwait(false);
        }
    }

    /// <summary>Serves a request on a listener port of its own: 404 when no route rule matches, as the specification requires.</summary>
    public async Task ServeListenerAsync(HttpContext context, int port)
    {
        if (!await TryServeAsync(context, port).ConfigureAwait(false))
        {
            LogNoRoute(logger, port, context.Request.Host.Host, context.Request.Path.Value ?? "/");
            await WriteTextAsync(context, 404, "route not found").ConfigureAwait(false);
        }
    }

    /// <summary>Serves the request when an HTTPRoute rule attached to a listener on <paramref name="port"/> matches it; false otherwise.</summary>
    public Task<bool> TryServeAsync(HttpContext context, int port)
    {
        var request = GatewayRequest.From(context.Request);
        return ServeAsync(context, request, router.Route(port, request));
    }

    private async Task<bool> ServeAsync(HttpContext context, GatewayRequest request, GatewayDecision? decision)
    {
        if (decision is null)
        {
            return false;
        }

        var routeName = $"httproute {decision.Route.Namespace}/{decision.Route.Name} rule {decision.Rule.Index}";
        switch (decision)
        {
            case GatewayRedirect redirect:
                LogRedirect(logger, routeName, redirect.StatusCode, redirect.Location);
                context.Response.StatusCode = redirect.StatusCode;
                context.Response.Headers.Location = redirect.Location;
                break;
            case GatewayFailure failure:
                LogFailure(logger, routeName, failure.StatusCode, failure.Reason);
                await WriteTextAsync(context, failure.StatusCode, failure.Reason).ConfigureAwait(false);
                break;
            case GatewayForward forward:
                {
                    var target = new Uri(forward.Upstream.GetLeftPart(UriPartial.Authority) + forward.Upstream.AbsolutePath.TrimEnd('/') + forward.Path + request.Query);
                    await forwarder.ForwardAsync(context, target, forward.HostHeader, routeName,
                        message => HeaderFilters.Apply(forward.RequestHeaders, message),
                        response => HeaderFilters.Apply(forward.ResponseHeaders, response)).ConfigureAwait(false);
                    break;
                }
        }

        return true;
    }

    private static async Task WriteTextAsync(HttpContext context, int statusCode, string text)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text + "\n", context.RequestAborted).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "gateway port {Port} {Host}{Path}: no route")]
    private static partial void LogNoRoute(ILogger logger, int port, string host, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "gateway port {Port} TLS server name {ServerName}: Host {Host} is not served by its listener (421)")]
    private static partial void LogMisdirected(ILogger logger, int port, string serverName, string host);

    [LoggerMessage(Level = LogLevel.Information, Message = "gateway {Route}: redirect {StatusCode} {Location}")]
    private static partial void LogRedirect(ILogger logger, string route, int statusCode, string location);

    [LoggerMessage(Level = LogLevel.Information, Message = "gateway {Route}: {StatusCode} {Reason}")]
    private static partial void LogFailure(ILogger logger, string route, int statusCode, string reason);
}
