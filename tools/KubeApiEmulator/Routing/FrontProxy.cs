using System.Net;
using Microsoft.AspNetCore.Http.Features;

namespace KubeApiEmulator.Routing;

/// <summary>The HTTP front: routes each request by the current Ingresses and relays it to the upstream, passing redirects through.</summary>
internal sealed partial class FrontProxy(IngressRouter router, HttpClient client, ILogger<FrontProxy> logger)
{
    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host",
    };

    /// <summary>Serves one front request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
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
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), target);
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(request.Body);
        }

        foreach (var (name, values) in request.Headers)
        {
            if (HopByHopHeaders.Contains(name))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        var originalHost = request.Host.Value ?? host;
        message.Headers.Host = upstream.HostHeader ?? originalHost;
        var clientAddress = context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";
        message.Headers.TryAddWithoutValidation("X-Forwarded-For", clientAddress);
        message.Headers.TryAddWithoutValidation("X-Real-IP", clientAddress);
        message.Headers.TryAddWithoutValidation("X-Forwarded-Host", originalHost);
        message.Headers.TryAddWithoutValidation("X-Forwarded-Proto", request.Scheme);
        message.Headers.TryAddWithoutValidation("X-Forwarded-Port", context.Connection.LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        LogRoute(logger, request.Method, host, path, upstream.Route.Namespace, upstream.Route.IngressName, target, message.Headers.Host);

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        }
        catch (HttpRequestException ex)
        {
            LogUpstreamFailed(logger, target, ex.Message);
            context.Response.StatusCode = (int)HttpStatusCode.BadGateway;
            await context.Response.WriteAsync("502 Bad Gateway: " + ex.Message + "\n", context.RequestAborted);
            return;
        }
        catch (TaskCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            context.Response.StatusCode = (int)HttpStatusCode.GatewayTimeout;
            await context.Response.WriteAsync("504 Gateway Time-out\n", context.RequestAborted);
            return;
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopByHopHeaders.Contains(name))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "front {Host}{Path}: {StatusCode} {Reason}")]
    private static partial void LogNoRoute(ILogger logger, string host, string path, int statusCode, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "front {Method} {Host}{Path} -> ingress {Namespace}/{Ingress} -> {Target} (Host: {UpstreamHost})")]
    private static partial void LogRoute(ILogger logger, string method, string host, string path, string @namespace, string ingress, Uri target, string? upstreamHost);

    [LoggerMessage(Level = LogLevel.Warning, Message = "front upstream {Target} failed: {Error}")]
    private static partial void LogUpstreamFailed(ILogger logger, Uri target, string error);
}
