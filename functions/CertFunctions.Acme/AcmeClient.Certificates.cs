using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertFunctions.Acme.Ari;
using CertFunctions.Acme.Certificates;
using CertFunctions.Acme.Errors;
using CertFunctions.Acme.Jws;
using CertFunctions.Acme.Protocol;
using CertFunctions.Acme.Telemetry;

namespace CertFunctions.Acme;

/// <summary>Certificate download (with alternate chains), revocation and ARI.</summary>
public sealed partial class AcmeClient
{
    private const string PemChain = "application/pem-certificate-chain";

    /// <summary>
    /// Downloads the certificate chain. With <paramref name="preferredIssuer"/> (a common name), returns the first of the default and
    /// alternate chains (<c>Link: rel="alternate"</c>) whose topmost certificate was issued by it, else one containing such an issuer,
    /// else the default chain.
    /// </summary>
    public async Task<CertificateChain> DownloadCertificateAsync(Uri certificateUrl, string? preferredIssuer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificateUrl);
        var response = await PostAsync(certificateUrl, AcmeEndpoint.Certificate, null, cancellationToken, PemChain).ConfigureAwait(false);
        var chain = ParseChain(response.Body, certificateUrl);
        if (string.IsNullOrWhiteSpace(preferredIssuer) || IsTopIssuedBy(chain, preferredIssuer))
        {
            LogDownloaded(certificateUrl, chain);
            return chain;
        }

        var candidates = new List<CertificateChain> { chain };
        foreach (var alternate in response.AlternateLinks)
        {
            var alternateResponse = await PostAsync(alternate, AcmeEndpoint.Certificate, null, cancellationToken, PemChain).ConfigureAwait(false);
            var alternateChain = ParseChain(alternateResponse.Body, alternate);
            if (IsTopIssuedBy(alternateChain, preferredIssuer))
            {
                LogDownloaded(alternate, alternateChain);
                return alternateChain;
            }

            candidates.Add(alternateChain);
        }

        var selected = candidates.FirstOrDefault(c => c.IsIssuedBy(preferredIssuer)) ?? chain;
        LogDownloaded(certificateUrl, selected);
        return selected;
    }

    /// <summary>Downloads the default chain and every alternate chain the CA links.</summary>
    public async Task<IReadOnlyList<CertificateChain>> DownloadCertificateChainsAsync(Uri certificateUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificateUrl);
        var response = await PostAsync(certificateUrl, AcmeEndpoint.Certificate, null, cancellationToken, PemChain).ConfigureAwait(false);
        var chains = new List<CertificateChain> { ParseChain(response.Body, certificateUrl) };
        foreach (var alternate in response.AlternateLinks)
        {
            var alternateResponse = await PostAsync(alternate, AcmeEndpoint.Certificate, null, cancellationToken, PemChain).ConfigureAwait(false);
            chains.Add(ParseChain(alternateResponse.Body, alternate));
        }

        return chains;
    }

    /// <summary>Revokes a certificate issued to this account, with an optional reason.</summary>
    public async Task RevokeCertificateAsync(X509Certificate2 certificate, RevocationReason? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var directory = await GetDirectoryAsync(cancellationToken).ConfigureAwait(false);
        var revokeUrl = directory.RevokeCert ?? throw MissingField("revokeCert URL in the directory", DirectoryUrl);
        var payload = Serialize(new RevokePayload(Base64Url.Encode(certificate.RawData), (int?)reason), AcmeJsonContext.Default.RevokePayload);
        await PostAsync(revokeUrl, AcmeEndpoint.RevokeCertificate, payload, cancellationToken).ConfigureAwait(false);
        AcmeLog.Revoked(_logger, reason);
    }

    /// <summary>
    /// Asks the CA when to renew (RFC 9773 renewalInfo, an unauthenticated GET); null when the directory has no renewalInfo.
    /// <see cref="RenewalInfo.RetryAfter"/> says when to ask again.
    /// </summary>
    public Task<RenewalInfo?> GetRenewalInfoAsync(X509Certificate2 certificate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return GetRenewalInfoAsync(AriCertificateId.From(certificate), cancellationToken);
    }

    /// <summary>
    /// Asks the CA when to renew the certificate with this RFC 9773 certificate identifier (see <see cref="AriCertificateId"/>),
    /// for callers that kept the identifier rather than the certificate; null when the directory has no renewalInfo.
    /// </summary>
    public async Task<RenewalInfo?> GetRenewalInfoAsync(string ariCertificateId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ariCertificateId);
        var directory = await GetDirectoryAsync(cancellationToken).ConfigureAwait(false);
        if (directory.RenewalInfo is not { } baseUrl)
        {
            return null;
        }

        var url = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/" + Uri.EscapeDataString(ariCertificateId));
        var response = await _transport.GetAsync(url, AcmeEndpoint.RenewalInfo, "application/json", cancellationToken).ConfigureAwait(false);
        var info = response.ReadJson(AcmeJsonContext.Default.RenewalInfoPayload);
        if (info.SuggestedWindow.End < info.SuggestedWindow.Start)
        {
            throw new AcmeProtocolException($"renewalInfo window ends before it starts ({url}).") { RequestUri = url };
        }

        return new RenewalInfo(info.SuggestedWindow.Start, info.SuggestedWindow.End, info.ExplanationUrl, response.RetryAfter);
    }

    private static bool IsTopIssuedBy(CertificateChain chain, string issuerCommonName)
        => string.Equals(chain.Certificates[^1].GetNameInfo(X509NameType.SimpleName, forIssuer: true), issuerCommonName, StringComparison.Ordinal);

    private static CertificateChain ParseChain(byte[] body, Uri url)
    {
        try
        {
            return CertificateChain.Parse(Encoding.ASCII.GetString(body));
        }
        catch (Exception ex) when (ex is ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            throw new AcmeProtocolException($"The certificate at {url} is not a PEM chain: {ex.Message}", ex) { RequestUri = url };
        }
    }

    private void LogDownloaded(Uri url, CertificateChain chain)
    {
        if (_logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information))
        {
            AcmeLog.CertificateDownloaded(_logger, url, chain.TopIssuer.Name);
        }
    }
}
