using CertFunctions.Acme.Certificates;
using CertFunctions.Acme.Protocol;

namespace CertFunctions.Acme;

/// <summary>The result of an issuance: the valid order, the fresh key and the downloaded chain.</summary>
public sealed record IssuedCertificate(AcmeOrder Order, CertificateKey Key, CertificateChain Chain)
{
    /// <summary>The chain in PEM (leaf first), for <c>tls.crt</c>.</summary>
    public string CertificatePem => Chain.Pem;

    /// <summary>The PKCS#8 private key in PEM, for <c>tls.key</c>.</summary>
    public string PrivateKeyPem => Key.ExportPem();
}
