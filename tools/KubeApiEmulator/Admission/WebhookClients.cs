using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace KubeApiEmulator.Admission;

/// <summary>
/// HTTP clients for webhook calls, one per caBundle: the bundle's certificates are the only trust roots (with the host
/// name checked) when a bundle is given, the system roots otherwise, as the real server does.
/// </summary>
internal sealed class WebhookClients : IDisposable
{
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    /// <summary>The client for <paramref name="caBundle"/> (base64 PEM) or the system roots when it is empty.</summary>
    public HttpClient For(string? caBundle) => _clients.GetOrAdd(caBundle ?? string.Empty, Create);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private static HttpClient Create(string caBundle)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (caBundle.Length > 0)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPem(System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(caBundle)));
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
            };
        }

        // The webhook's timeoutSeconds bounds each call; the client's own timeout is only a backstop.
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    }
}
