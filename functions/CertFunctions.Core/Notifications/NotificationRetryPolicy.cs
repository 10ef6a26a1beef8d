using CertFunctions.Core.Orchestration;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Notifications;

/// <summary>
/// Retries of one webhook delivery: 6 attempts over about 2.5 minutes (5 s, doubling, at most 1 min apart), for
/// transient failures only (refused connection, timeout, 5xx, 408, 429); a 4xx is not an exception, so never retried.
/// </summary>
public static class NotificationRetryPolicy
{
    /// <summary>The task options of <see cref="DeliverNotificationActivity"/>.</summary>
    public static TaskOptions Delivery { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 6,
        firstRetryInterval: TimeSpan.FromSeconds(5),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromMinutes(1))
    {
        HandleFailure = TransientFailures.IsTransient,
    });
}
