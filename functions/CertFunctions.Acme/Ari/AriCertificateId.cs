using System.Security.Cryptography.X509Certificates;
using CertFunctions.Acme.Jws;

namespace CertFunctions.Acme.Ari;

/// <summary>The RFC 9773 certificate identifier: base64url(AKI keyIdentifier) "." base64url(DER serial).</summary>
public static class AriCertificateId
{
    /// <summary>Computes the identifier of a certificate; it must carry an Authority Key Identifier with a key id.</summary>
    public static string From(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var aki = certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().FirstOrDefault()?.KeyIdentifier
            ?? throw new ArgumentException("The certificate has no Authority Key Identifier key id; ARI cannot name it.", nameof(certificate));
        return From(aki.Span, Convert.FromHexString(certificate.SerialNumber));
    }

    /// <summary>Computes the identifier from the AKI key id and the serial's DER content octets (big-endian, with any leading zero).</summary>
    public static string From(ReadOnlySpan<byte> authorityKeyIdentifier, ReadOnlySpan<byte> serialNumber)
        => Base64Url.Encode(authorityKeyIdentifier) + "." + Base64Url.Encode(serialNumber);
}
