using CertFunctions.Core.Notifications;

namespace CertFunctions.Core.Tests.Notifications;

/// <summary>The delivery retries outlast a chat service's outage of hours, with durable waits of at most an hour.</summary>
public sealed class NotificationRetryPolicyTests
{
    [Fact]
    public void A_receiver_back_within_six_hours_still_gets_the_event_and_no_wait_exceeds_an_hour()
    {
        var policy = NotificationRetryPolicy.Delivery.Retry!.Policy!;
        var waits = new List<TimeSpan>();
        var next = policy.FirstRetryInterval;
        for (var retry = 1; retry < policy.MaxNumberOfAttempts; retry++)
        {
            waits.Add(next < policy.MaxRetryInterval ? next : policy.MaxRetryInterval);
            next = TimeSpan.FromTicks((long)(next.Ticks * policy.BackoffCoefficient));
        }

        Assert.True(waits.Aggregate(TimeSpan.Zero, (sum, wait) => sum + wait) >= TimeSpan.FromHours(6), string.Join(", ", waits));
        Assert.Equal(TimeSpan.FromSeconds(5), waits[0]);
        Assert.All(waits, wait => Assert.True(wait <= TimeSpan.FromHours(1)));
        Assert.True(policy.RetryTimeout == Timeout.InfiniteTimeSpan || policy.RetryTimeout >= TimeSpan.FromHours(6), $"retry timeout {policy.RetryTimeout}");
    }
}
