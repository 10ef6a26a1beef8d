using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>How an issuance ended (part of <see cref="ReportOutcomeInput"/>).</summary>
/// <param name="Certificate">The Ingress.</param>
/// <param name="InstanceId">The orchestration instance.</param>
/// <param name="At">Orchestration time at the end.</param>
/// <param name="Hosts">Names, when known.</param>
/// <param name="SecretName">Secret, when known.</param>
/// <param name="Result">The result on success.</param>
/// <param name="Error">The reason on failure.</param>
/// <param name="Issuer">The named issuer of the attempt, when known.</param>
/// <param name="StartedAt">Orchestration time when the run began (issuance duration metric), when known.</param>
/// <param name="FailureKind">The step a failure happened in (a bounded metric tag), when known.</param>
public sealed record SaveStateInput(
    CertificateRef Certificate,
    string InstanceId,
    DateTimeOffset At,
    IReadOnlyList<string> Hosts,
    string? SecretName,
    IssuanceResult? Result,
    string? Error,
    string? Issuer = null,
    DateTimeOffset? StartedAt = null,
    string? FailureKind = null);
