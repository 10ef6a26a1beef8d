using System.Security.Cryptography;
using System.Text;

namespace CertFunctions.Acme.Jws;

/// <summary>The private key of an ACME account: signs requests, exports to PKCS#8 PEM for storage.</summary>
public abstract class AccountKey : IDisposable
{
    private string? _jwk;

    /// <summary>The signature algorithm.</summary>
    public abstract AccountKeyAlgorithm Algorithm { get; }

    /// <summary>The JWS <c>alg</c> value.</summary>
    public string JwsAlgorithm => Algorithm.ToString();

    /// <summary>The public key as a JWK with only the required members in lexicographic order (RFC 7638).</summary>
    public string JwkJson => _jwk ??= BuildJwk();

    /// <summary>Generates a new key (ES256 by default).</summary>
    public static AccountKey Generate(AccountKeyAlgorithm algorithm = AccountKeyAlgorithm.ES256) => algorithm switch
    {
        AccountKeyAlgorithm.ES256 => new EcdsaAccountKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)),
        AccountKeyAlgorithm.ES384 => new EcdsaAccountKey(ECDsa.Create(ECCurve.NamedCurves.nistP384)),
        AccountKeyAlgorithm.RS256 => new RsaAccountKey(RSA.Create(2048)),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unsupported account key algorithm."),
    };

    /// <summary>Generates an RS256 key of the given size (2048 bits or more).</summary>
    public static AccountKey GenerateRsa(int keySizeInBits) => new RsaAccountKey(RSA.Create(keySizeInBits));

    /// <summary>Loads a key exported with <see cref="ExportPem"/> (PKCS#8, EC P-256/P-384 or RSA 2048+).</summary>
    public static AccountKey FromPem(string pem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pem);
        if (pem.Contains("RSA PRIVATE KEY", StringComparison.Ordinal) || IsRsaPkcs8(pem))
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return new RsaAccountKey(rsa);
        }

        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(pem);
        return new EcdsaAccountKey(ecdsa);
    }

    /// <summary>Exports the private key as PKCS#8 PEM; store it as a secret.</summary>
    public abstract string ExportPem();

    /// <summary>The RFC 7638 JWK thumbprint (SHA-256, base64url).</summary>
    public string Thumbprint() => Base64Url.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(JwkJson)));

    /// <summary>The http-01 key authorization for a challenge token: <c>token.thumbprint</c>.</summary>
    public string KeyAuthorization(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return token + "." + Thumbprint();
    }

    /// <summary>Signs the JWS signing input.</summary>
    public abstract byte[] Sign(ReadOnlySpan<byte> data);

    /// <inheritdoc />
    public override string ToString() => $"AccountKey({JwsAlgorithm}, {Thumbprint()})";

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the key.</summary>
    protected abstract void Dispose(bool disposing);

    /// <summary>Builds the canonical JWK JSON.</summary>
    protected abstract string BuildJwk();

    private static bool IsRsaPkcs8(string pem)
    {
        var fields = PemEncoding.Find(pem);
        var der = Convert.FromBase64String(pem[fields.Base64Data]);
        // rsaEncryption OID 1.2.840.113549.1.1.1 appears in the PKCS#8 AlgorithmIdentifier.
        ReadOnlySpan<byte> rsaOid = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01];
        return der.AsSpan(0, Math.Min(der.Length, 32)).IndexOf(rsaOid) >= 0;
    }
}
