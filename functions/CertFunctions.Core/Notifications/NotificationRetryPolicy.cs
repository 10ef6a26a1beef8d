using CertFunctions.Core.Orchestration;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Notifications;

/// <summary>
/// Retries of the notification activities. One webhook delivery: 16 attempts over about 6.4 hours (5 s, doubling, at most 1 h apart), for transient
/// failures only (refused connection, timeout, 5xx, 408, 429); a 4xx is not an exception, so never retried. Long on
/// purpose: the waits are durable timers that hold no compute, and a chat service's outage lasts minutes to hours, so a
/// shorter window would lose events that a receiver back in an hour should still get.
/// </summary>
public static class NotificationRetryPolicy
{
    /// <summary>The task options of <see cref="DeliverNotificationActivity"/>.</summary>
    public static TaskOptions Delivery { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 16,
        firstRetryInterval: TimeSpan.FromSeconds(5),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromHours(1))
    {
        HandleFailure = TransientFailures.IsTransient,
    });

    /// <summary>The task options of <see cref="RecordUndeliveredActivity"/>: storage hiccups retried for about a minute.</summary>
    public static TaskOptions Record { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 6,
        firstRetryInterval: TimeSpan.FromSeconds(2),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromSeconds(30)));
}
