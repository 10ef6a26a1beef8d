namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>The CA asked us to come back later.</summary>
/// <param name="RetryAfter">How long to wait.</param>
/// <param name="Detail">The CA's explanation.</param>
public sealed record RateLimitNotice(TimeSpan RetryAfter, string Detail);
