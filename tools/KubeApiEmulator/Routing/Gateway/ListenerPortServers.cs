using System.Net;
using KubeApiEmulator.Options;
using KubeApiEmulator.Routing.Gateway.Tls;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace KubeApiEmulator.Routing.Gateway;

/// <summary>
/// Servers on 127.0.0.1 for Gateway listener ports other than the one the front plays, HTTP or HTTPS (TLS terminated with
/// the listeners' certificates): bound when a listener needs the port and stopped when none does. A listener port is
/// served on a local port by one rule: <c>--gateway-listener-port</c> when it names the port, else a free port for a
/// privileged port (below 1024: it needs root, and every emulator on the machine would want the same one), else the
/// port itself. A free port, once picked, is kept for the life of the process.
/// </summary>
internal sealed partial class ListenerPortServers(GatewayFront front, ListenerTls tls, EmulatorOptions options, ILogger<ListenerPortServers> logger) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, (string Protocol, WebApplication App, int LocalPort)> _servers = [];
    private readonly Dictionary<int, (string Protocol, string Error)> _failures = [];
    private readonly Dictionary<int, int> _picked = [];

    /// <summary>Listener ports that could not be bound, with the reason (reported as PortUnavailable).</summary>
    public IReadOnlyDictionary<int, string> Failures
    {
        get
        {
            lock (_gate)
            {
                return _failures.ToDictionary(f => f.Key, f => f.Value.Error);
            }
        }
    }

    /// <summary>Where each listener port is served now (for the admin endpoint), by listener port.</summary>
    public IReadOnlyList<ListenerPortBinding> Bindings()
    {
        lock (_gate)
        {
            return [.. _servers.Select(s => new ListenerPortBinding(s.Key, s.Value.Protocol, s.Value.LocalPort, null))
                .Concat(_failures.Select(f => new ListenerPortBinding(f.Key, f.Value.Protocol, null, f.Value.Error)))
                .OrderBy(b => b.ListenerPort)];
        }
    }

    /// <summary>Serves exactly <paramref name="ports"/> with their protocols: starts what is missing, stops what is no longer wanted.</summary>
    public async Task EnsureAsync(IReadOnlyDictionary<int, string> ports, CancellationToken cancellationToken)
    {
        List<(string Protocol, WebApplication App, int LocalPort)> stopping;
        lock (_gate)
        {
            var unwanted = _servers.Where(s => ports.GetValueOrDefault(s.Key) != s.Value.Protocol).Select(s => s.Key).ToList();
            stopping = [.. unwanted.Select(p => _servers[p])];
            foreach (var port in unwanted)
            {
                _servers.Remove(port);
            }

            foreach (var port in _failures.Where(f => ports.GetValueOrDefault(f.Key) != f.Value.Protocol).Select(f => f.Key).ToList())
            {
                _failures.Remove(port);
            }
        }

        foreach (var server in stopping)
        {
            await server.App.StopAsync(cancellationToken).ConfigureAwait(false);
            await server.App.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var (port, protocol) in ports)
        {
            bool known;
            lock (_gate)
            {
                known = _servers.ContainsKey(port) || _failures.ContainsKey(port);
            }

            if (!known)
            {
                await StartAsync(port, protocol, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        List<WebApplication> apps;
        lock (_gate)
        {
            apps = [.. _servers.Values.Select(s => s.App)];
            _servers.Clear();
        }

        foreach (var app in apps)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task StartAsync(int port, string protocol, CancellationToken cancellationToken)
    {
        var local = LocalPortFor(port);
        var (app, error) = await TryBindAsync(port, protocol, local, cancellationToken).ConfigureAwait(false);
        if (app is null && local != 0 && _picked.ContainsKey(port))
        {
            // The free port picked before has been taken meanwhile: pick another.
            (app, error) = await TryBindAsync(port, protocol, 0, cancellationToken).ConfigureAwait(false);
        }

        lock (_gate)
        {
            if (app is null)
            {
                _failures[port] = (protocol, error!);
                LogBindFailed(logger, port, error!);
                return;
            }

            var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
            if (local == 0 || _picked.ContainsKey(port))
            {
                _picked[port] = bound;
            }

            _servers[port] = (protocol, app, bound);
            LogBound(logger, port, protocol, bound);
        }
    }

    private int LocalPortFor(int port)
    {
        var configured = options.GatewayListenerPorts.TryGetValue(port, out var given) ? given : port < 1024 ? 0 : port;
        lock (_gate)
        {
            return configured == 0 ? _picked.GetValueOrDefault(port) : configured;
        }
    }

    private async Task<(WebApplication? App, string? Error)> TryBindAsync(int port, string protocol, int local, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, local, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            if (protocol == "HTTPS")
            {
                listen.UseHttps(new TlsHandshakeCallbackOptions
                {
                    OnConnection = context => tls.OptionsAsync(port, context.ClientHelloInfo.ServerName),
                    HandshakeTimeout = TimeSpan.FromSeconds(10),
                });
            }
        }));
        var app = builder.Build();
        app.Run(context => protocol == "HTTPS" ? front.ServeTlsListenerAsync(context, port) : front.ServeListenerAsync(context, port));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return (app, null);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            return (null, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "gateway listener port {Port} ({Protocol}) served on 127.0.0.1:{LocalPort}")]
    private static partial void LogBound(ILogger logger, int port, string protocol, int localPort);

    [LoggerMessage(Level = LogLevel.Warning, Message = "gateway listener port {Port} cannot be bound: {Error}")]
    private static partial void LogBindFailed(ILogger logger, int port, string error);
}
