using System.Security.Cryptography;

namespace CertFunctions.Acme.Certificates;

/// <summary>The private key of an issued certificate: generated fresh per order, exported as PKCS#8 PEM.</summary>
public sealed class CertificateKey : IDisposable
{
    private readonly AsymmetricAlgorithm _key;

    private CertificateKey(AsymmetricAlgorithm key, CertificateKeyAlgorithm algorithm)
    {
        _key = key;
        Algorithm = algorithm;
    }

    /// <summary>The key type.</summary>
    public CertificateKeyAlgorithm Algorithm { get; }

    /// <summary>The ECDSA key, or null for RSA.</summary>
    internal ECDsa? Ecdsa => _key as ECDsa;

    /// <summary>The RSA key, or null for ECDSA.</summary>
    internal RSA? Rsa => _key as RSA;

    /// <summary>Generates a new key.</summary>
    public static CertificateKey Generate(CertificateKeyAlgorithm algorithm = CertificateKeyAlgorithm.EcdsaP256) => algorithm switch
    {
        CertificateKeyAlgorithm.EcdsaP256 => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), algorithm),
        CertificateKeyAlgorithm.EcdsaP384 => new(ECDsa.Create(ECCurve.NamedCurves.nistP384), algorithm),
        CertificateKeyAlgorithm.Rsa2048 => new(RSA.Create(2048), algorithm),
        CertificateKeyAlgorithm.Rsa3072 => new(RSA.Create(3072), algorithm),
        CertificateKeyAlgorithm.Rsa4096 => new(RSA.Create(4096), algorithm),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unsupported certificate key algorithm."),
    };

    /// <summary>Loads a PKCS#8 (or SEC1/PKCS#1) PEM key of a supported type.</summary>
    public static CertificateKey FromPem(string pem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pem);
        try
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(pem);
            return ecdsa.KeySize switch
            {
                256 => new(ecdsa, CertificateKeyAlgorithm.EcdsaP256),
                384 => new(ecdsa, CertificateKeyAlgorithm.EcdsaP384),
                _ => throw new ArgumentException($"Unsupported ECDSA key size {ecdsa.KeySize}.", nameof(pem)),
            };
        }
        catch (CryptographicException)
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return rsa.KeySize switch
            {
                2048 => new(rsa, CertificateKeyAlgorithm.Rsa2048),
                3072 => new(rsa, CertificateKeyAlgorithm.Rsa3072),
                4096 => new(rsa, CertificateKeyAlgorithm.Rsa4096),
                _ => throw new ArgumentException($"Unsupported RSA key size {rsa.KeySize}.", nameof(pem)),
            };
        }
    }

    /// <summary>Exports the private key as PKCS#8 PEM ("PRIVATE KEY"), as <c>tls.key</c> expects.</summary>
    public string ExportPem() => _key switch
    {
        ECDsa ecdsa => ecdsa.ExportPkcs8PrivateKeyPem(),
        RSA rsa => rsa.ExportPkcs8PrivateKeyPem(),
        _ => throw new InvalidOperationException("Unknown key type."),
    };

    /// <summary>Builds a DER CSR for the names (see <see cref="CsrBuilder"/>).</summary>
    public byte[] CreateCsr(IEnumerable<string> dnsNames) => CsrBuilder.Build(this, dnsNames);

    /// <inheritdoc />
    public override string ToString() => $"CertificateKey({Algorithm})";

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
