using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertFunctions.Core.Kubernetes.Errors;

namespace CertFunctions.Core.Kubernetes.Secrets;

/// <summary>Reads PEM certificate chains (leaf first) and the facts we record about the leaf.</summary>
public static class CertificateChain
{
    /// <summary>Parses every certificate of <paramref name="pem"/>, leaf first; throws <see cref="InvalidCertificateMaterialException"/> when there is none.</summary>
    public static IReadOnlyList<X509Certificate2> Parse(string pem)
    {
        var certificates = new List<X509Certificate2>();
        try
        {
            foreach (var block in PemBlocks(pem))
            {
                certificates.Add(X509Certificate2.CreateFromPem(block));
            }
        }
        catch (CryptographicException ex)
        {
            throw new InvalidCertificateMaterialException($"The certificate chain holds a PEM block that is not a certificate: {ex.Message}", ex);
        }

        return certificates.Count > 0
            ? certificates
            : throw new InvalidCertificateMaterialException("The certificate chain holds no PEM certificate.");
    }

    /// <summary>The chain as clean PEM (one block per certificate, LF line ends).</summary>
    public static string ToPem(IEnumerable<X509Certificate2> certificates)
    {
        var text = new StringBuilder();
        foreach (var certificate in certificates)
        {
            text.Append(certificate.ExportCertificatePem()).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>DNS names of the certificate's subjectAltName extension.</summary>
    public static IReadOnlyList<string> DnsNames(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>()
            .SelectMany(e => e.EnumerateDnsNames())
            .ToList();

    /// <summary>The serial number as lowercase hex.</summary>
    public static string Serial(X509Certificate2 certificate) => certificate.SerialNumber.ToLowerInvariant();

    /// <summary>Formats a time the way our annotations hold it (ISO 8601, UTC, seconds).</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses a time written by <see cref="FormatTime"/>; null when absent or malformed.</summary>
    public static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    private static IEnumerable<string> PemBlocks(string pem)
    {
        const string Begin = "-----BEGIN CERTIFICATE-----";
        const string End = "-----END CERTIFICATE-----";
        var index = 0;
        while (true)
        {
            var start = pem.IndexOf(Begin, index, StringComparison.Ordinal);
            if (start < 0)
            {
                yield break;
            }

            var end = pem.IndexOf(End, start, StringComparison.Ordinal);
            if (end < 0)
            {
                throw new InvalidCertificateMaterialException("The certificate chain has a BEGIN CERTIFICATE without END CERTIFICATE.");
            }

            index = end + End.Length;
            yield return pem[start..index];
        }
    }
}
