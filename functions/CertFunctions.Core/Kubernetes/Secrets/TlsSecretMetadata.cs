namespace CertFunctions.Core.Kubernetes.Secrets;

/// <summary>Facts about an issued certificate recorded as annotations on its Secret.</summary>
/// <param name="AcmeDirectory">ACME directory URL the certificate came from.</param>
/// <param name="PlannedRenewal">When the renewal policy plans to renew it; null when not decided.</param>
/// <param name="IssuerName">The named ACME issuer that issued it (null: not recorded, as before named issuers).</param>
public sealed record TlsSecretMetadata(string AcmeDirectory, DateTimeOffset? PlannedRenewal, string? IssuerName = null);
