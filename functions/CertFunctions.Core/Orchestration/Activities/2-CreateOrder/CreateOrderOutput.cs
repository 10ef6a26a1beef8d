namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>The order and the challenges still to solve (already-valid authorizations are left out), or a rate limit.</summary>
public sealed record CreateOrderOutput(Uri? OrderUrl, IReadOnlyList<PendingChallenge> Challenges, RateLimitNotice? RateLimit);
