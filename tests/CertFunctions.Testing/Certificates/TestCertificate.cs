namespace CertFunctions.Testing.Certificates;

/// <summary>A leaf certificate a <see cref="TestCertificateAuthority"/> issued, as an ACME download and a TLS Secret hold it.</summary>
/// <param name="ChainPem">The leaf, then the intermediate (tls.crt).</param>
/// <param name="KeyPem">The leaf's private key, PKCS#8 PEM (tls.key).</param>
/// <param name="Serial">The leaf's serial, lowercase hex, as the product writes it in <c>certfunctions.io/serial</c>.</param>
public sealed record TestCertificate(string ChainPem, string KeyPem, string Serial);
