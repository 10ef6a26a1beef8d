using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace CertFunctions.Testing.Network;

/// <summary>What one HTTPS request through a TLS-terminating listener saw: the certificates the handshake presented and the answer.</summary>
/// <param name="Leaf">The server certificate the handshake presented.</param>
/// <param name="Intermediates">The other certificates the server sent with it.</param>
/// <param name="Status">The HTTP status of the answer.</param>
/// <param name="Body">The answer's body.</param>
public sealed record HttpsProbeAnswer(X509Certificate2 Leaf, X509Certificate2Collection Intermediates, HttpStatusCode Status, string Body)
{
    /// <summary>True when the presented chain builds from <see cref="Leaf"/> to <paramref name="root"/> with the sent intermediates only.</summary>
    public bool ChainsTo(X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ExtraStore.AddRange(Intermediates);
        return chain.Build(Leaf);
    }
}

/// <summary>
/// One HTTPS GET to 127.0.0.1:<c>port</c> for <c>https://host/path</c>, so the TLS server name (SNI) and the Host are
/// <c>host</c>, on a fresh connection (a new handshake every time); any server certificate is accepted and recorded.
/// </summary>
public static class HttpsProbe
{
    /// <summary>Sends the request; a failed handshake throws <see cref="HttpRequestException"/>.</summary>
    public static async Task<HttpsProbeAnswer> GetAsync(int port, string host, string pathAndQuery = "/", CancellationToken cancellationToken = default)
    {
        X509Certificate2? leaf = null;
        var intermediates = new X509Certificate2Collection();
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.Zero,
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(IPAddress.Loopback, port, token).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
                {
                    leaf = certificate is null ? null : new X509Certificate2(certificate);
                    if (chain is not null)
                    {
                        // SslStream puts the certificates the server sent (beyond the leaf) in the chain's extra store.
                        intermediates.AddRange(chain.ChainPolicy.ExtraStore.Where(c => leaf is null || c.Thumbprint != leaf.Thumbprint).ToArray());
                    }

                    return certificate is not null;
                },
            },
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await client.GetAsync(new Uri($"https://{host}{pathAndQuery}"), cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new HttpsProbeAnswer(leaf ?? throw new InvalidOperationException("The handshake presented no certificate."), intermediates, response.StatusCode, body);
    }
}
