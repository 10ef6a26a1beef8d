using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertFunctions.Acme.Certificates;

namespace CertFunctions.Acme.Tests.Certificates;

public sealed class CertificateTests
{
    [Theory]
    [InlineData(CertificateKeyAlgorithm.EcdsaP256, "1.2.840.10045.2.1")]
    [InlineData(CertificateKeyAlgorithm.EcdsaP384, "1.2.840.10045.2.1")]
    [InlineData(CertificateKeyAlgorithm.Rsa2048, "1.2.840.113549.1.1.1")]
    [InlineData(CertificateKeyAlgorithm.Rsa4096, "1.2.840.113549.1.1.1")]
    public void A_CSR_carries_every_name_as_a_SAN_and_the_first_as_CN(CertificateKeyAlgorithm algorithm, string keyOid)
    {
        using var key = CertificateKey.Generate(algorithm);

        var csr = CertificateRequest.LoadSigningRequest(
            key.CreateCsr(["A.example.test", "b.example.test", "a.example.test."]),
            HashAlgorithmName.SHA256,
            CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);

        Assert.Equal("CN=a.example.test", csr.SubjectName.Name);
        Assert.Equal(keyOid, csr.PublicKey.Oid.Value);
        var san = csr.CertificateExtensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["a.example.test", "b.example.test"], san.EnumerateDnsNames());
    }

    [Fact]
    public void A_first_name_longer_than_a_CN_allows_leaves_the_subject_empty()
    {
        using var key = CertificateKey.Generate();
        var longName = new string('a', 60) + ".example.test";

        var csr = CertificateRequest.LoadSigningRequest(key.CreateCsr([longName]), HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);

        Assert.Equal(string.Empty, csr.SubjectName.Name);
        Assert.Equal([longName], csr.CertificateExtensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
    }

    [Fact]
    public void A_CSR_needs_a_name()
    {
        using var key = CertificateKey.Generate();

        Assert.Throws<ArgumentException>(() => key.CreateCsr([" "]));
    }

    [Fact]
    public void Certificate_keys_round_trip_through_PKCS8_PEM()
    {
        using var key = CertificateKey.Generate(CertificateKeyAlgorithm.Rsa3072);

        var pem = key.ExportPem();
        using var restored = CertificateKey.FromPem(pem);

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", pem, StringComparison.Ordinal);
        Assert.Equal(CertificateKeyAlgorithm.Rsa3072, restored.Algorithm);
        Assert.DoesNotContain("PRIVATE", key.ToString(), StringComparison.Ordinal);
    }
}
