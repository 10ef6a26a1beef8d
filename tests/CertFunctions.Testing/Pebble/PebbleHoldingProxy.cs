using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Testing.Pebble;

/// <summary>
/// An HTTPS reverse proxy in front of Pebble, with Pebble's own server certificate, that can hold back one chosen
/// answer (the CA has done the work, the client never hears of it: a test kills its client at that point to cut an
/// activity in the middle at a known step) or replace chosen answers (a rate limit, a validation still pending): a
/// fault at the CA's boundary, while Pebble does the real work. Pebble builds its URLs from the Host header, which is passed on, so
/// every URL it hands out points at the proxy.
/// </summary>
public sealed class PebbleHoldingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _pebble;
    private readonly Uri _upstream;
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<PebbleExchange> _exchanges = new();
    private Func<HttpRequest, string, bool>? _hold;
    private Func<PebbleExchange, PebbleReplacement?>? _replace;
    private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PebbleHoldingProxy(PebbleFixture pebble, int port)
    {
        Port = port;
        _upstream = new Uri($"https://127.0.0.1:{pebble.ListenPort}/");
        _pebble = new HttpClient(pebble.CreateHttpMessageHandler(), disposeHandler: true) { Timeout = TimeSpan.FromSeconds(60) };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var certificate = pebble.CreateServerCertificate();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, o => o.UseHttps(certificate)));
        _app = builder.Build();
        _app.Run(ForwardAsync);
    }

    /// <summary>The proxy's port.</summary>
    public int Port { get; }

    /// <summary>The ACME directory through the proxy.</summary>
    public Uri DirectoryUri => new($"https://127.0.0.1:{Port}/dir");

    /// <summary>Every request passed on so far with Pebble's status, as "METHOD /path 200" (held ones too).</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Starts a proxy for <paramref name="pebble"/> on <paramref name="port"/>.</summary>
    public static async Task<PebbleHoldingProxy> StartAsync(PebbleFixture pebble, int port)
    {
        var proxy = new PebbleHoldingProxy(pebble, port);
        await proxy._app.StartAsync();
        return proxy;
    }

    /// <summary>
    /// Holds back the first answer, from now on, for which <paramref name="hold"/> (request, Pebble's answer body) is
    /// true: the client waits until it gives up or dies. Returns a task that completes once an answer is held.
    /// </summary>
    public Task HoldFirstAnswer(Func<HttpRequest, string, bool> hold)
    {
        _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _hold = hold;
        return _held.Task;
    }

    /// <summary>Every exchange passed on so far, with the JWS payload the client signed.</summary>
    public IReadOnlyList<PebbleExchange> Exchanges => [.. _exchanges];

    /// <summary>
    /// From now on, answers with <paramref name="replace"/>'s replacement where it returns one (Pebble has still seen
    /// and answered the request; its Replay-Nonce is passed on so the client's nonce chain holds), and with Pebble's
    /// answer where it returns null.
    /// </summary>
    public void ReplaceAnswers(Func<PebbleExchange, PebbleReplacement?> replace) => _replace = replace;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _pebble.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var request = context.Request;
        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_upstream, request.Path + request.QueryString));
        if (request.ContentLength > 0 || request.Method == HttpMethods.Post)
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, context.RequestAborted);
            forward.Content = new ByteArrayContent(body.ToArray());
            if (request.ContentType is { } type)
            {
                forward.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        forward.Headers.Host = request.Host.Value;
        using var answer = await _pebble.SendAsync(forward, context.RequestAborted);
        var content = await answer.Content.ReadAsByteArrayAsync(context.RequestAborted);
        _requests.Enqueue($"{request.Method} {request.Path} {(int)answer.StatusCode}");
        var exchange = new PebbleExchange(
            request.Method, request.Path.Value ?? "/", PebbleExchange.PayloadOf(forward.Content is null ? null : await forward.Content.ReadAsStringAsync(context.RequestAborted)),
            (int)answer.StatusCode, System.Text.Encoding.UTF8.GetString(content));
        _exchanges.Enqueue(exchange);
        if (_hold is { } hold && hold(request, System.Text.Encoding.UTF8.GetString(content)))
        {
            _hold = null;
            _held.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        if (_replace?.Invoke(exchange) is { } replacement)
        {
            context.Response.StatusCode = replacement.StatusCode;
            context.Response.ContentType = replacement.ContentType;
            foreach (var (name, value) in replacement.Headers)
            {
                context.Response.Headers[name] = value;
            }

            if (answer.Headers.TryGetValues("Replay-Nonce", out var nonce))
            {
                context.Response.Headers["Replay-Nonce"] = nonce.ToArray();
            }

            await context.Response.WriteAsync(replacement.Body, context.RequestAborted);
            return;
        }

        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var header in answer.Headers.Concat(answer.Content.Headers))
        {
            if (header.Key is not ("Transfer-Encoding" or "Content-Length" or "Connection"))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }
        }

        await context.Response.Body.WriteAsync(content, context.RequestAborted);
    }
}
