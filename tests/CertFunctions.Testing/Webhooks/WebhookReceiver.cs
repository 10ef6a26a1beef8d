using System.Collections.Concurrent;
using System.Net;
using CertFunctions.Testing.Network;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Testing.Webhooks;

/// <summary>
/// A real HTTP receiver for notification tests: Kestrel on 127.0.0.1 at a fixed port, recording every POST and
/// answering each path with a chosen status (200 by default). <see cref="CloseAsync"/> closes the port (connections are
/// refused, as with a receiver that is down) and <see cref="OpenAsync"/> opens it again on the same port.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<string, int> _statusByPath = new(StringComparer.Ordinal);
    private WebApplication? _app;

    private WebhookReceiver(int port) => Port = port;

    /// <summary>The loopback port.</summary>
    public int Port { get; }

    /// <summary>Every request received so far, in order.</summary>
    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>The URL of one webhook path on this receiver.</summary>
    public string UrlOf(string path) => $"http://127.0.0.1:{Port}/{path.TrimStart('/')}";

    /// <summary>Starts a receiver on a free port.</summary>
    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver(FreePort.Next());
        await receiver.OpenAsync();
        return receiver;
    }

    /// <summary>Answers <paramref name="path"/> with <paramref name="statusCode"/> from now on.</summary>
    public void Answer(string path, HttpStatusCode statusCode) => _statusByPath["/" + path.TrimStart('/')] = (int)statusCode;

    /// <summary>Opens the port (again).</summary>
    public async Task OpenAsync()
    {
        if (_app is not null)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var path = context.Request.Path.Value ?? "/";
            var status = _statusByPath.TryGetValue(path, out var chosen) ? chosen : StatusCodes.Status200OK;
            _received.Enqueue(new ReceivedWebhook(path, context.Request.ContentType, body, status));
            context.Response.StatusCode = status;
        });
        await app.StartAsync();
        _app = app;
    }

    /// <summary>Closes the port: deliveries fail with a refused connection until <see cref="OpenAsync"/>.</summary>
    public async Task CloseAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Waits until a request matching <paramref name="match"/> arrives; throws with what did arrive after <paramref name="timeout"/>.</summary>
    public async Task<ReceivedWebhook> WaitForAsync(Func<ReceivedWebhook, bool> match, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(match);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_received.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"No matching webhook request within {timeout}; received:\n" + string.Join("\n", _received.Select(r => $"{r.Path} {r.StatusCode} {r.Body}")));
            }

            await Task.Delay(100);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await CloseAsync();
}
