using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Input of <see cref="PrepareIssuanceActivity"/>.</summary>
/// <param name="Certificate">The Ingress.</param>
/// <param name="Owner">The orchestration instance id, whose leftover tokens are removed.</param>
/// <param name="Replaces">The ARI certificate id of the certificate this order replaces, for renewals.</param>
public sealed record PrepareIssuanceInput(CertificateRef Certificate, string Owner, string? Replaces);
