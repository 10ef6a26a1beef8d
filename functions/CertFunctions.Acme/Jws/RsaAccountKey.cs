using System.Security.Cryptography;

namespace CertFunctions.Acme.Jws;

/// <summary>An RSA account key signing RS256.</summary>
internal sealed class RsaAccountKey : AccountKey
{
    private readonly RSA _key;

    public RsaAccountKey(RSA key)
    {
        if (key.KeySize < 2048)
        {
            throw new ArgumentException($"RSA account keys need at least 2048 bits, not {key.KeySize}.", nameof(key));
        }

        _key = key;
    }

    public override AccountKeyAlgorithm Algorithm => AccountKeyAlgorithm.RS256;

    public override string ExportPem() => _key.ExportPkcs8PrivateKeyPem();

    public override byte[] Sign(ReadOnlySpan<byte> data) => _key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    protected override string BuildJwk()
    {
        var parameters = _key.ExportParameters(false);
        return $$"""{"e":"{{Base64Url.Encode(parameters.Exponent)}}","kty":"RSA","n":"{{Base64Url.Encode(parameters.Modulus)}}"}""";
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _key.Dispose();
        }
    }
}
