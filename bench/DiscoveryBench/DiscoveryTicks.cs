using System.Globalization;

namespace DiscoveryBench;

/// <summary>
/// A discovery period of whole seconds that divides a minute, or of whole minutes that divide an hour, as the NCRONTAB
/// expression the host's <c>DiscoverySchedule</c> setting takes, and its ticks: with such a period the schedule fires at
/// every multiple of it since the Unix epoch (UTC), so the bench can tell which tick picked a change up.
/// </summary>
internal sealed record DiscoveryTicks(int PeriodSeconds)
{
    /// <summary>The period as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan Period => TimeSpan.FromSeconds(PeriodSeconds);

    /// <summary>The six-field NCRONTAB expression (seconds first) for the period.</summary>
    public string Cron => PeriodSeconds < 60
        ? string.Create(CultureInfo.InvariantCulture, $"*/{PeriodSeconds} * * * * *")
        : string.Create(CultureInfo.InvariantCulture, $"0 */{PeriodSeconds / 60} * * * *");

    /// <summary>Checks that the period is one an NCRONTAB step expresses evenly; a clear error otherwise.</summary>
    public static DiscoveryTicks Create(int periodSeconds)
    {
        var even = periodSeconds is > 0 and < 60 ? 60 % periodSeconds == 0 : periodSeconds % 60 == 0 && periodSeconds <= 3600 && 60 % (periodSeconds / 60) == 0;
        return even
            ? new DiscoveryTicks(periodSeconds)
            : throw new ArgumentOutOfRangeException(nameof(periodSeconds), periodSeconds, "--discovery-period must divide a minute (e.g. 10, 15, 20, 30) or be whole minutes that divide an hour (60, 120, 300, ...).");
    }

    /// <summary>The last tick at or before <paramref name="time"/>.</summary>
    public DateTimeOffset AtOrBefore(DateTimeOffset time)
    {
        var ticks = Period.Ticks;
        var sinceEpoch = (time - DateTimeOffset.UnixEpoch).Ticks;
        return DateTimeOffset.UnixEpoch.AddTicks(sinceEpoch - (sinceEpoch % ticks));
    }

    /// <summary>The first tick after <paramref name="time"/>.</summary>
    public DateTimeOffset After(DateTimeOffset time) => AtOrBefore(time) + Period;

    /// <summary>The first moment after <paramref name="time"/> that lies <paramref name="phase"/> after a tick.</summary>
    public DateTimeOffset NextAtPhase(DateTimeOffset time, TimeSpan phase)
    {
        var candidate = AtOrBefore(time) + phase;
        return candidate > time ? candidate : candidate + Period;
    }

    /// <summary>How many ticks fall in (<paramref name="from"/>, <paramref name="to"/>].</summary>
    public int Between(DateTimeOffset from, DateTimeOffset to) =>
        to <= from ? 0 : (int)((AtOrBefore(to) - AtOrBefore(from)).Ticks / Period.Ticks);
}
