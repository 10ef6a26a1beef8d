using CertFunctions.Core.Renewal;

namespace CertFunctions.Core.Tests.Renewal;

public sealed class FailureBackoffTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    [InlineData(5, 16)]
    [InlineData(6, 24)]
    [InlineData(7, 24)]
    [InlineData(1000, 24)]
    public void Backoff_starts_at_one_hour_doubles_and_caps_at_a_day(int failures, int expectedHours)
    {
        Assert.Equal(TimeSpan.FromHours(expectedHours), FailureBackoff.Delay(failures));
    }

    [Fact]
    public void Next_attempt_is_the_last_failure_plus_the_delay()
    {
        var failedAt = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(failedAt.AddHours(4), FailureBackoff.NextAttempt(failedAt, 3));
    }
}
