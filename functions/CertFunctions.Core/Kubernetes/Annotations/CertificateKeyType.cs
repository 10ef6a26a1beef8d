using System.Text.Json.Serialization;

namespace CertFunctions.Core.Kubernetes.Annotations;

/// <summary>Key algorithm of the certificate's private key, as chosen per Ingress.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CertificateKeyType>))]
public enum CertificateKeyType
{
    /// <summary>ECDSA on P-256 (annotation value ecdsa-p256).</summary>
    EcdsaP256,

    /// <summary>ECDSA on P-384 (ecdsa-p384).</summary>
    EcdsaP384,

    /// <summary>RSA 2048 bits (rsa-2048).</summary>
    Rsa2048,

    /// <summary>RSA 3072 bits (rsa-3072).</summary>
    Rsa3072,

    /// <summary>RSA 4096 bits (rsa-4096).</summary>
    Rsa4096,
}
