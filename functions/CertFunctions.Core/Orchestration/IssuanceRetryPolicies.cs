using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration;

/// <summary>Retry policies per kind of activity; only <see cref="TransientFailures"/> are retried.</summary>
public static class IssuanceRetryPolicies
{
    /// <summary>Cluster and storage writes: quick retries, bounded.</summary>
    public static TaskOptions Kubernetes { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5,
        firstRetryInterval: TimeSpan.FromSeconds(2),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromSeconds(30))
    {
        HandleFailure = TransientFailures.IsTransient,
    });

    /// <summary>CA calls: fewer, slower retries (rate limits are handled separately, with their Retry-After).</summary>
    public static TaskOptions Acme { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 4,
        firstRetryInterval: TimeSpan.FromSeconds(5),
        backoffCoefficient: 3,
        maxRetryInterval: TimeSpan.FromMinutes(2))
    {
        HandleFailure = TransientFailures.IsTransient,
    });

    /// <summary>Best-effort bookkeeping (events, state): a couple of quick retries.</summary>
    public static TaskOptions Bookkeeping { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 3,
        firstRetryInterval: TimeSpan.FromSeconds(1),
        backoffCoefficient: 2)
    {
        HandleFailure = TransientFailures.IsTransient,
    });
}
