using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>What <see cref="CompleteIssuanceActivity"/> needs to report a stored certificate itself (part of <see cref="CompleteIssuanceInput"/>).</summary>
/// <param name="Certificate">The Ingress.</param>
/// <param name="Reason">Why it was issued (an Event says issued or renewed).</param>
/// <param name="InstanceId">The orchestration instance.</param>
/// <param name="At">Orchestration time when the activity was scheduled.</param>
/// <param name="Hosts">The names on the certificate.</param>
/// <param name="SecretName">The Secret written.</param>
/// <param name="OrderUrl">The ACME order.</param>
/// <param name="Issuer">The named issuer it came from (null in reports scheduled before named issuers).</param>
/// <param name="StartedAt">Orchestration time when the run began (issuance duration metric), when known.</param>
public sealed record SuccessReport(
    CertificateRef Certificate,
    IssuanceReason Reason,
    string InstanceId,
    DateTimeOffset At,
    IReadOnlyList<string> Hosts,
    string SecretName,
    Uri OrderUrl,
    string? Issuer = null,
    DateTimeOffset? StartedAt = null);
