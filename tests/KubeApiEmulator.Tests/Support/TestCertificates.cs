using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace KubeApiEmulator.Tests.Support;

/// <summary>A certificate chain for a TLS Secret: a test root signs an intermediate, which signs the leaf.</summary>
public sealed class TestCertificates : IDisposable
{
    private readonly ECDsa _rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>Creates a fresh root and intermediate.</summary>
    public TestCertificates()
    {
        var now = DateTimeOffset.UtcNow;
        var rootRequest = new CertificateRequest("CN=emulator test root", _rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Root = rootRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));
        var intermediateRequest = new CertificateRequest("CN=emulator test intermediate", _intermediateKey, HashAlgorithmName.SHA256);
        intermediateRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        intermediateRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Intermediate = intermediateRequest.Create(Root, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(8));
    }

    /// <summary>The root a client trusts.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The intermediate tls.crt carries after the leaf.</summary>
    public X509Certificate2 Intermediate { get; }

    /// <summary>A new leaf for <paramref name="dnsNames"/>: its serial (hex, as X509Certificate2 shows it), tls.crt (leaf + intermediate) and tls.key PEM.</summary>
    public (string Serial, string CertificatePem, string KeyPem) Issue(params string[] dnsNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + dnsNames[0], key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var signer = Intermediate.CopyWithPrivateKey(_intermediateKey);
        using var leaf = request.Create(signer, now.AddMinutes(-5), now.AddHours(12), RandomNumberGenerator.GetBytes(12));
        return (leaf.SerialNumber, leaf.ExportCertificatePem() + "\n" + Intermediate.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>A kubernetes.io/tls Secret (or another type) holding <paramref name="certificatePem"/> and <paramref name="keyPem"/>.</summary>
    public static string Secret(string ns, string name, string certificatePem, string keyPem, string type = "kubernetes.io/tls") => $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: {name}
          namespace: {ns}
        type: {type}
        data:
          tls.crt: {Convert.ToBase64String(Encoding.ASCII.GetBytes(certificatePem))}
          tls.key: {Convert.ToBase64String(Encoding.ASCII.GetBytes(keyPem))}
        """;

    /// <inheritdoc />
    public void Dispose()
    {
        Root.Dispose();
        Intermediate.Dispose();
        _rootKey.Dispose();
        _intermediateKey.Dispose();
    }
}
