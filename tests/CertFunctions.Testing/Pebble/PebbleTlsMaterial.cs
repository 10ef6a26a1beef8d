using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertFunctions.Testing.Pebble;

/// <summary>A throw-away TLS CA and a server certificate for 127.0.0.1/localhost, made with CertificateRequest.</summary>
public sealed class PebbleTlsMaterial : IDisposable
{
    private PebbleTlsMaterial(X509Certificate2 authority, string serverCertificatePem, string serverKeyPem)
    {
        Authority = authority;
        ServerCertificatePem = serverCertificatePem;
        ServerKeyPem = serverKeyPem;
    }

    /// <summary>The CA certificate (public part only) that signed the server certificate.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The server certificate in PEM.</summary>
    public string ServerCertificatePem { get; }

    /// <summary>The server private key in PKCS#8 PEM.</summary>
    public string ServerKeyPem { get; }

    /// <summary>Creates a fresh CA and server certificate valid for a day.</summary>
    public static PebbleTlsMaterial Create()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=CertFunctions test TLS CA " + Guid.NewGuid().ToString("N")[..8], caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var caWithKey = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(caWithKey, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var server = serverRequest.Create(caWithKey, now.AddMinutes(-5), now.AddHours(23), serial);

        var authority = X509CertificateLoader.LoadCertificate(caWithKey.RawData);
        return new PebbleTlsMaterial(authority, server.ExportCertificatePem(), serverKey.ExportPkcs8PrivateKeyPem());
    }

    /// <inheritdoc />
    public void Dispose() => Authority.Dispose();
}
