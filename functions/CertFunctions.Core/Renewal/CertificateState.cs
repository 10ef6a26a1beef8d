using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Renewal;

/// <summary>What CertFunctions remembers about one managed certificate (kept in blob storage, never a key).</summary>
/// <param name="Certificate">The Ingress.</param>
/// <param name="Hosts">Names of the last attempt.</param>
/// <param name="SecretName">The Secret.</param>
/// <param name="LastOutcome">How the last issuance ended.</param>
/// <param name="LastAttemptAt">When the last issuance ended.</param>
/// <param name="LastSuccessAt">When the last successful issuance ended.</param>
/// <param name="ConsecutiveFailures">Failures since the last success (drives the back-off).</param>
/// <param name="NextAttemptAfter">No automatic attempt before this time (back-off).</param>
/// <param name="LastError">The last failure's reason.</param>
/// <param name="Serial">Serial of the deployed certificate.</param>
/// <param name="NotAfter">Expiry of the deployed certificate.</param>
/// <param name="PlannedRenewal">When the deployed certificate is due.</param>
/// <param name="LastInstanceId">The last orchestration instance.</param>
/// <param name="AriCertificateId">RFC 9773 id of the deployed certificate, for <c>replaces</c>.</param>
/// <param name="Issuer">The named ACME issuer of the deployed certificate (else of the last attempt); null in states from before named issuers.</param>
public sealed record CertificateState(
    CertificateRef Certificate,
    IReadOnlyList<string> Hosts,
    string? SecretName,
    CertificateOutcome LastOutcome,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? LastSuccessAt,
    int ConsecutiveFailures,
    DateTimeOffset? NextAttemptAfter,
    string? LastError,
    string? Serial,
    DateTimeOffset? NotAfter,
    DateTimeOffset? PlannedRenewal,
    string? LastInstanceId,
    string? AriCertificateId = null,
    string? Issuer = null);
