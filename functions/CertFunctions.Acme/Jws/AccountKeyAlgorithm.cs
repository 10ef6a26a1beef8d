namespace CertFunctions.Acme.Jws;

/// <summary>Signature algorithms an ACME account key can use.</summary>
public enum AccountKeyAlgorithm
{
    /// <summary>ECDSA P-256 with SHA-256 (the default).</summary>
    ES256,

    /// <summary>ECDSA P-384 with SHA-384.</summary>
    ES384,

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256 (keys of 2048 bits or more).</summary>
    RS256,
}
