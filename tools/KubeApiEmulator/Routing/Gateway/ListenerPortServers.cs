using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace KubeApiEmulator.Routing.Gateway;

/// <summary>
/// HTTP servers on 127.0.0.1 for Gateway listener ports other than the one the front plays: bound when a listener
/// needs the port and stopped when none does, so a test can send HTTP to the port its Gateway names.
/// </summary>
internal sealed partial class ListenerPortServers(GatewayFront front, ILogger<ListenerPortServers> logger) : IAsyncDisposable
{
    private readonly Dictionary<int, WebApplication> _servers = [];
    private readonly Dictionary<int, string> _failures = [];

    /// <summary>Ports that could not be bound, with the reason (reported as PortUnavailable).</summary>
    public IReadOnlyDictionary<int, string> Failures => _failures;

    /// <summary>Serves exactly <paramref name="ports"/>: starts what is missing, stops what is no longer wanted.</summary>
    public async Task EnsureAsync(IReadOnlySet<int> ports, CancellationToken cancellationToken)
    {
        foreach (var port in _servers.Keys.Where(p => !ports.Contains(p)).ToList())
        {
            var server = _servers[port];
            _servers.Remove(port);
            await server.StopAsync(cancellationToken).ConfigureAwait(false);
            await server.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var port in _failures.Keys.Where(p => !ports.Contains(p)).ToList())
        {
            _failures.Remove(port);
        }

        foreach (var port in ports.Where(p => !_servers.ContainsKey(p) && !_failures.ContainsKey(p)))
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http1));
            var app = builder.Build();
            app.Run(context => front.ServeListenerAsync(context, port));
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                _servers[port] = app;
                LogBound(logger, port);
            }
            catch (IOException ex)
            {
                await app.DisposeAsync().ConfigureAwait(false);
                _failures[port] = ex.Message;
                LogBindFailed(logger, port, ex.Message);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers.Values)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }

        _servers.Clear();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "gateway listener port {Port} bound on 127.0.0.1")]
    private static partial void LogBound(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "gateway listener port {Port} cannot be bound: {Error}")]
    private static partial void LogBindFailed(ILogger logger, int port, string error);
}
