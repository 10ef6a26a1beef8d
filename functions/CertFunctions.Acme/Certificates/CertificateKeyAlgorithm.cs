namespace CertFunctions.Acme.Certificates;

/// <summary>Key types for issued certificates.</summary>
public enum CertificateKeyAlgorithm
{
    /// <summary>ECDSA on P-256 (the default).</summary>
    EcdsaP256,

    /// <summary>ECDSA on P-384.</summary>
    EcdsaP384,

    /// <summary>RSA 2048 bits.</summary>
    Rsa2048,

    /// <summary>RSA 3072 bits.</summary>
    Rsa3072,

    /// <summary>RSA 4096 bits.</summary>
    Rsa4096,
}
