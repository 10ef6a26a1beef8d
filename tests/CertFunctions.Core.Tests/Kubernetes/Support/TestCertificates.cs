using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertFunctions.Core.Tests.Kubernetes.Support;

/// <summary>Generates a small CA and leaf certificates as PEM, like an ACME download.</summary>
internal static class TestCertificates
{
    public static (string ChainPem, string KeyPem, string LeafSerial) Issue(IReadOnlyList<string> hosts, TimeSpan? lifetime = null)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Test Intermediate", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var ca = caRequest.CreateSelfSigned(now, now.AddDays(365));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest($"CN={hosts[0]}", leafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var host in hosts)
        {
            san.AddDnsName(host);
        }

        leafRequest.CertificateExtensions.Add(san.Build());

        // Like a public CA's leaf: an Authority Key Identifier, which RFC 9773 (ARI) names certificates by.
        leafRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        using var leaf = leafRequest.Create(ca, now, now + (lifetime ?? TimeSpan.FromDays(90)), serial);
        var chain = leaf.ExportCertificatePem() + "\n" + ca.ExportCertificatePem() + "\n";
        return (chain, leafKey.ExportPkcs8PrivateKeyPem(), leaf.SerialNumber.ToLowerInvariant());
    }
}
