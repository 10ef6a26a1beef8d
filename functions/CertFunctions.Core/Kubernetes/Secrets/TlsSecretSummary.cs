namespace CertFunctions.Core.Kubernetes.Secrets;

/// <summary>What was written to a TLS Secret (never the key).</summary>
/// <param name="Namespace">Namespace of the Secret.</param>
/// <param name="SecretName">Name of the Secret.</param>
/// <param name="Domains">DNS names of the certificate.</param>
/// <param name="Serial">Serial number (hex).</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="Issuer">Issuer distinguished name.</param>
/// <param name="ChainLength">Certificates in tls.crt (leaf + intermediates).</param>
/// <param name="Created">True when the Secret was created, false when updated.</param>
/// <param name="Adopted">True when a Secret that was not ours was taken over (the Ingress allowed it).</param>
public sealed record TlsSecretSummary(
    string Namespace,
    string SecretName,
    IReadOnlyList<string> Domains,
    string Serial,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string Issuer,
    int ChainLength,
    bool Created,
    bool Adopted);
