using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertFunctions.Testing.Certificates;

/// <summary>
/// A root that signs an intermediate that signs leaves, like a public CA: leaves carry the host names, serverAuth and an
/// Authority Key Identifier (what RFC 9773 ARI names certificates by), and tls.crt holds the leaf and the intermediate.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly ECDsa _rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _signer;

    /// <summary>Creates a fresh root and intermediate, valid for ten years.</summary>
    public TestCertificateAuthority()
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        Root = CaRequest("CN=CertFunctions test root", _rootKey).CreateSelfSigned(now, now.AddYears(10));
        Intermediate = CaRequest("CN=CertFunctions test intermediate", _intermediateKey).Create(Root, now, now.AddYears(10), SerialNumber());
        _signer = Intermediate.CopyWithPrivateKey(_intermediateKey);
    }

    /// <summary>One authority for tests that only need some valid certificate; disposed with the process.</summary>
    public static TestCertificateAuthority Shared { get; } = new();

    /// <summary>The root a client trusts.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The intermediate that signs the leaves, second in every chain.</summary>
    public X509Certificate2 Intermediate { get; }

    /// <summary>A new leaf for <paramref name="hosts"/>, valid from five minutes ago for <paramref name="lifetime"/> (90 days when null).</summary>
    public TestCertificate Issue(IReadOnlyList<string> hosts, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={hosts[0]}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var host in hosts)
        {
            names.AddDnsName(host);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Intermediate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var leaf = request.Create(_signer, now, now + (lifetime ?? TimeSpan.FromDays(90)), SerialNumber());
        return new TestCertificate(
            leaf.ExportCertificatePem() + "\n" + Intermediate.ExportCertificatePem() + "\n",
            key.ExportPkcs8PrivateKeyPem(),
            leaf.SerialNumber.ToLowerInvariant());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _signer.Dispose();
        Intermediate.Dispose();
        Root.Dispose();
        _intermediateKey.Dispose();
        _rootKey.Dispose();
    }

    private static CertificateRequest CaRequest(string subject, ECDsa key)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    // Positive and 12 bytes, as public CAs' serials are.
    private static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        return serial;
    }
}
