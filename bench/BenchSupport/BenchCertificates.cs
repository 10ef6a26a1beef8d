using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BenchSupport;

/// <summary>
/// Cheap real certificates for the seed: one ECDSA P-256 intermediate signs one leaf per host (all leaves share one key),
/// so each Secret holds leaf + intermediate like a Let's Encrypt chain and the scanner parses real X.509.
/// </summary>
public sealed class BenchCertificates : IDisposable
{
    private readonly ECDsa _issuerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _issuer;

    public BenchCertificates(DateTimeOffset now)
    {
        var request = new CertificateRequest("CN=RenewalScanBench Intermediate E9, O=bench", _issuerKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _issuer = request.CreateSelfSigned(now.AddYears(-1), now.AddYears(3));
        IssuerPem = _issuer.ExportCertificatePem();
        LeafKeyPem = _leafKey.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>The intermediate in PEM (appended after each leaf).</summary>
    public string IssuerPem { get; }

    /// <summary>The shared leaf key in PEM (tls.key; the scanner never reads it).</summary>
    public string LeafKeyPem { get; }

    /// <summary>
    /// tls.crt as a CA serves it: leaf then intermediate, each PEM block ending in a newline. ExportCertificatePem ends
    /// without one, and "-----END CERTIFICATE----------BEGIN CERTIFICATE-----" is no PEM a reader must accept.
    /// </summary>
    public string ChainPem(string host, DateTimeOffset notBefore, DateTimeOffset notAfter, long serial) =>
        LeafPem(host, notBefore, notAfter, serial) + "\n" + IssuerPem + "\n";

    /// <summary>A leaf for <paramref name="host"/> valid from <paramref name="notBefore"/> to <paramref name="notAfter"/>, PEM.</summary>
    public string LeafPem(string host, DateTimeOffset notBefore, DateTimeOffset notAfter, long serial)
    {
        var request = new CertificateRequest("CN=" + host, _leafKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var serialBytes = BitConverter.GetBytes(serial);
        Array.Reverse(serialBytes);
        serialBytes[0] = 0x01; // positive, non-zero
        using var leaf = request.Create(_issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(_issuerKey), notBefore, notAfter, serialBytes);
        return leaf.ExportCertificatePem();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _issuer.Dispose();
        _issuerKey.Dispose();
        _leafKey.Dispose();
    }
}
