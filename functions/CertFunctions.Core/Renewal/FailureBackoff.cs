namespace CertFunctions.Core.Renewal;

/// <summary>Exponential back-off after failed issuances, per certificate: 1 h, doubling, capped at 24 h.</summary>
public static class FailureBackoff
{
    /// <summary>Delay after the first failure.</summary>
    public static readonly TimeSpan Initial = TimeSpan.FromHours(1);

    /// <summary>Longest delay.</summary>
    public static readonly TimeSpan Cap = TimeSpan.FromHours(24);

    /// <summary>The delay after <paramref name="consecutiveFailures"/> failures in a row (0 means none).</summary>
    public static TimeSpan Delay(int consecutiveFailures)
    {
        if (consecutiveFailures <= 0)
        {
            return TimeSpan.Zero;
        }

        // 2^(n-1) hours; from n = 6 on the cap (32 h > 24 h) applies, and the shift never overflows.
        var hours = consecutiveFailures >= 6 ? Cap.TotalHours : Math.Pow(2, consecutiveFailures - 1);
        var delay = TimeSpan.FromHours(hours);
        return delay > Cap ? Cap : delay;
    }

    /// <summary>The earliest time of the next attempt after the last failure.</summary>
    public static DateTimeOffset NextAttempt(DateTimeOffset lastFailureAt, int consecutiveFailures)
        => lastFailureAt + Delay(consecutiveFailures);
}
