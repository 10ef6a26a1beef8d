using System.Net.Security;
using System.Security.Authentication;

namespace KubeApiEmulator.Routing.Gateway.Tls;

/// <summary>
/// TLS termination for HTTPS listeners: picks, by the client's server name (SNI), the listener on the port whose hostname
/// matches most specifically (exact, then the longest wildcard, then none) and presents the certificate of its Secret, as
/// read from the current model, so a Secret written or replaced is served on the next handshake.
/// </summary>
internal sealed partial class ListenerTls(GatewayModelSource models, ILogger<ListenerTls> logger)
{
    /// <summary>The HTTPS listener on <paramref name="port"/> that serves <paramref name="serverName"/> (null: a client sent no SNI), or null.</summary>
    public ListenerState? Select(int port, string? serverName)
    {
        var name = string.IsNullOrEmpty(serverName) ? null : serverName.ToLowerInvariant().TrimEnd('.');
        var candidates = models.Current().ServedListeners(port, "HTTPS")
            .Where(l => l.Certificate?.Context is not null)
            .Where(l => name is null ? string.IsNullOrEmpty(l.Hostname) : Hostnames.Matches(l.Hostname, name))
            .ToList();
        return candidates.Count == 0 ? null : candidates.MaxBy(l => Hostnames.Specificity(l.Hostname));
    }

    /// <summary>The server options of one handshake on listener port <paramref name="port"/>.</summary>
    /// <exception cref="AuthenticationException">No listener with a usable certificate serves the server name: the handshake fails.</exception>
    public ValueTask<SslServerAuthenticationOptions> OptionsAsync(int port, string? serverName)
    {
        var listener = Select(port, serverName);
        if (listener?.Certificate?.Context is not { } context)
        {
            LogNoCertificate(logger, port, serverName ?? "(none)");
            throw new AuthenticationException($"no HTTPS listener on port {port} has a usable certificate for server name '{serverName}'");
        }

        LogHandshake(logger, port, serverName ?? "(none)", listener.Gateway.Namespace, listener.Gateway.Name, listener.Name, listener.Certificate.SerialNumber ?? string.Empty);
        return ValueTask.FromResult(new SslServerAuthenticationOptions
        {
            ServerCertificateContext = context,
            ApplicationProtocols = [SslApplicationProtocol.Http11],
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "gateway port {Port} TLS handshake for server name {ServerName} refused: no HTTPS listener with a usable certificate matches it")]
    private static partial void LogNoCertificate(ILogger logger, int port, string serverName);

    [LoggerMessage(Level = LogLevel.Information, Message = "gateway port {Port} TLS {ServerName}: listener {Namespace}/{Gateway}/{Listener}, certificate serial {Serial}")]
    private static partial void LogHandshake(ILogger logger, int port, string serverName, string @namespace, string gateway, string listener, string serial);
}
