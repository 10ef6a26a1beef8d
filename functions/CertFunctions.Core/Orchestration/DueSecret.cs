namespace CertFunctions.Core.Orchestration;

/// <summary>One Secret of a Gateway that a run issues: why, and the ARI id of the certificate it replaces.</summary>
/// <param name="Secret">The Secret ("namespace/name"), as <see cref="Certificates.CertificateRef.Secret"/> names it.</param>
/// <param name="Reason">Why this Secret's certificate is issued.</param>
/// <param name="Replaces">ARI certificate id of the certificate being renewed, when the CA serves renewalInfo.</param>
public sealed record DueSecret(string Secret, IssuanceReason Reason, string? Replaces = null);
