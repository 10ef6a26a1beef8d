using System.Security.Cryptography;

namespace CertFunctions.Acme.Jws;

/// <summary>An ECDSA account key (ES256 on P-256, ES384 on P-384).</summary>
internal sealed class EcdsaAccountKey : AccountKey
{
    private readonly ECDsa _key;

    public EcdsaAccountKey(ECDsa key)
    {
        _key = key;
        Algorithm = key.KeySize switch
        {
            256 => AccountKeyAlgorithm.ES256,
            384 => AccountKeyAlgorithm.ES384,
            _ => throw new ArgumentException($"ECDSA account keys must be P-256 or P-384, not {key.KeySize} bits.", nameof(key)),
        };
    }

    public override AccountKeyAlgorithm Algorithm { get; }

    private HashAlgorithmName Hash => Algorithm == AccountKeyAlgorithm.ES384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;

    public override string ExportPem() => _key.ExportPkcs8PrivateKeyPem();

    public override byte[] Sign(ReadOnlySpan<byte> data) => _key.SignData(data, Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    protected override string BuildJwk()
    {
        var parameters = _key.ExportParameters(false);
        var curve = Algorithm == AccountKeyAlgorithm.ES384 ? "P-384" : "P-256";
        return $$"""{"crv":"{{curve}}","kty":"EC","x":"{{Base64Url.Encode(parameters.Q.X)}}","y":"{{Base64Url.Encode(parameters.Q.Y)}}"}""";
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _key.Dispose();
        }
    }
}
