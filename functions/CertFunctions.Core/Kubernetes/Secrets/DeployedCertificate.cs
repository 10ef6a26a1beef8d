namespace CertFunctions.Core.Kubernetes.Secrets;

/// <summary>The certificate currently deployed in a TLS Secret, for renewal decisions.</summary>
/// <param name="Namespace">Namespace of the Secret.</param>
/// <param name="SecretName">Name of the Secret.</param>
/// <param name="DnsNames">Subject alternative DNS names of the leaf.</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="Issuer">Issuer distinguished name.</param>
/// <param name="Serial">Serial number (hex, lowercase).</param>
/// <param name="ManagedByUs">True when the Secret carries our managed-by label.</param>
/// <param name="PlannedRenewal">The renew-after annotation we wrote, if any.</param>
/// <param name="AcmeDirectory">The ACME directory annotation we wrote, if any.</param>
/// <param name="AriCertificateId">The RFC 9773 certificate identifier of the leaf, when it has an Authority Key Identifier.</param>
/// <param name="IssuerName">The named ACME issuer recorded on the Secret, if any (Secrets written before named issuers have none).</param>
/// <param name="OwnerLabel">Our <c>certfunctions.io/ingress</c> label: the Ingress whose issuance wrote the Secret (as a label value).</param>
public sealed record DeployedCertificate(
    string Namespace,
    string SecretName,
    IReadOnlyList<string> DnsNames,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string Issuer,
    string Serial,
    bool ManagedByUs,
    DateTimeOffset? PlannedRenewal,
    string? AcmeDirectory,
    string? AriCertificateId = null,
    string? OwnerLabel = null,
    string? IssuerName = null);
