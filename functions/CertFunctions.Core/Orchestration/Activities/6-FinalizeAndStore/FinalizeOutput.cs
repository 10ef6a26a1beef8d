using CertFunctions.Core.Kubernetes.Secrets;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>What was written (never the key), with the planned renewal and the ARI certificate id, or a rate limit.</summary>
public sealed record FinalizeOutput(TlsSecretSummary? Secret, DateTimeOffset? PlannedRenewal, RateLimitNotice? RateLimit, string? AriCertificateId = null);
