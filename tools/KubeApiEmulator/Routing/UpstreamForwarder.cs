using System.Net;
using Microsoft.AspNetCore.Http.Features;

namespace KubeApiEmulator.Routing;

/// <summary>Relays a front request to an upstream and streams the answer back unchanged (redirects included), as a proxy does.</summary>
internal sealed partial class UpstreamForwarder(HttpClient client, ILogger<UpstreamForwarder> logger)
{
    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host",
    };

    /// <summary>Sends the request to <paramref name="target"/> with <paramref name="hostHeader"/> (the original Host when null) and relays the answer.</summary>
    public async Task ForwardAsync(
        HttpContext context,
        Uri target,
        string? hostHeader,
        string routeName,
        Action<HttpRequestMessage>? adjustRequest = null,
        Action<HttpResponse>? adjustResponse = null)
    {
        var request = context.Request;
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

        var originalHost = request.Host.Value ?? request.Host.Host;
        message.Headers.Host = hostHeader ?? originalHost;
        var clientAddress = context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";
        message.Headers.TryAddWithoutValidation("X-Forwarded-For", clientAddress);
        message.Headers.TryAddWithoutValidation("X-Real-IP", clientAddress);
        message.Headers.TryAddWithoutValidation("X-Forwarded-Host", originalHost);
        message.Headers.TryAddWithoutValidation("X-Forwarded-Proto", request.Scheme);
        message.Headers.TryAddWithoutValidation("X-Forwarded-Port", context.Connection.LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        adjustRequest?.Invoke(message);
        LogRoute(logger, request.Method, request.Host.Host, request.Path.Value ?? "/", routeName, target, message.Headers.Host);

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            LogUpstreamFailed(logger, target, ex.Message);
            context.Response.StatusCode = (int)HttpStatusCode.BadGateway;
            await context.Response.WriteAsync("502 Bad Gateway: " + ex.Message + "\n", context.RequestAborted).ConfigureAwait(false);
            return;
        }
        catch (TaskCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            context.Response.StatusCode = (int)HttpStatusCode.GatewayTimeout;
            await context.Response.WriteAsync("504 Gateway Time-out\n", context.RequestAborted).ConfigureAwait(false);
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

            adjustResponse?.Invoke(context.Response);
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "front {Method} {Host}{Path} -> {Route} -> {Target} (Host: {UpstreamHost})")]
    private static partial void LogRoute(ILogger logger, string method, string host, string path, string route, Uri target, string? upstreamHost);

    [LoggerMessage(Level = LogLevel.Warning, Message = "front upstream {Target} failed: {Error}")]
    private static partial void LogUpstreamFailed(ILogger logger, Uri target, string error);
}
