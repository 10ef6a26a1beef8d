using NCrontab;

namespace CertFunctions.Core.Renewal;

/// <summary>Parses the renewal schedule the way the Functions timer trigger does (NCRONTAB with seconds).</summary>
public static class RenewalSchedule
{
    /// <summary>Parses <paramref name="expression"/>, or returns null when it is not valid.</summary>
    public static CrontabSchedule? TryParse(string? expression)
        => string.IsNullOrWhiteSpace(expression)
            ? null
            : CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
}
