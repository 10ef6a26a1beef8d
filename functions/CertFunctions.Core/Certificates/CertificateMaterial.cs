using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertFunctions.Acme.Certificates;

namespace CertFunctions.Core.Certificates;

/// <summary>Reads PEM certificate material for Core with <see cref="CertificateChain"/>, and the leaf facts we record.</summary>
public static class CertificateMaterial
{
    /// <summary>Parses a PEM chain, leaf first; throws <see cref="InvalidCertificateMaterialException"/> when it holds no usable certificate.</summary>
    public static CertificateChain ParseChain(string pem)
    {
        try
        {
            return CertificateChain.Parse(pem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            throw new InvalidCertificateMaterialException($"The certificate chain is not usable: {ex.Message}", ex);
        }
    }

    /// <summary>Parses only the first certificate of a PEM chain: a fleet scan needs the leaf, not the intermediates.</summary>
    public static X509Certificate2 ParseLeaf(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (!PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] is not "CERTIFICATE")
        {
            throw new InvalidCertificateMaterialException("The certificate chain does not start with a PEM certificate.");
        }

        try
        {
            return X509Certificate2.CreateFromPem(pem.AsSpan(fields.Location));
        }
        catch (CryptographicException ex)
        {
            throw new InvalidCertificateMaterialException($"The leaf of the certificate chain is not a certificate: {ex.Message}", ex);
        }
    }

    /// <summary>DNS names of the certificate's subjectAltName extension.</summary>
    public static IReadOnlyList<string> DnsNames(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return [.. certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames())];
    }

    /// <summary>The serial number as lowercase hex.</summary>
    public static string Serial(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.SerialNumber.ToLowerInvariant();
    }
}
