using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertFunctions.Acme.Certificates;

/// <summary>Builds PKCS#10 certificate requests with CertificateRequest: every name as a DNS SAN, the first as CN when it fits.</summary>
public static class CsrBuilder
{
    private const int MaxCommonNameLength = 64;

    /// <summary>Returns the DER CSR for <paramref name="dnsNames"/> signed by <paramref name="key"/>.</summary>
    public static byte[] Build(CertificateKey key, IEnumerable<string> dnsNames)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(dnsNames);
        var names = dnsNames.Select(n => n.Trim().TrimEnd('.').ToLowerInvariant()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            throw new ArgumentException("A CSR needs at least one DNS name.", nameof(dnsNames));
        }

        var subject = names[0].Length <= MaxCommonNameLength
            ? new X500DistinguishedNameBuilder()
            : null;
        subject?.AddCommonName(names[0]);
        var subjectName = subject?.Build() ?? new X500DistinguishedName(string.Empty);

        var request = key.Ecdsa is { } ecdsa
            ? new CertificateRequest(subjectName, ecdsa, key.Algorithm == CertificateKeyAlgorithm.EcdsaP384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256)
            : new CertificateRequest(subjectName, key.Rsa!, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            san.AddDnsName(name);
        }

        request.CertificateExtensions.Add(san.Build());
        return request.CreateSigningRequest();
    }
}
