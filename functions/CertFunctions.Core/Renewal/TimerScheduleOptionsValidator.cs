using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Renewal;

/// <summary>Checks that <c>RenewalSchedule</c> runs at least twice a day and that both schedules are six-field NCRONTAB expressions.</summary>
public sealed class TimerScheduleOptionsValidator : IValidateOptions<TimerScheduleOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TimerScheduleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (RenewalSchedule.TryParse(options.DiscoverySchedule) is null)
        {
            return ValidateOptionsResult.Fail(
                $"DiscoverySchedule '{options.DiscoverySchedule}' is not a six-field NCRONTAB expression (seconds minutes hours day month weekday), e.g. '0 */5 * * * *'.");
        }

        var schedule = RenewalSchedule.TryParse(options.RenewalSchedule);
        if (schedule is null)
        {
            return ValidateOptionsResult.Fail(
                $"RenewalSchedule '{options.RenewalSchedule}' is not a six-field NCRONTAB expression (seconds minutes hours day month weekday), e.g. '0 17 5,17 * * *'.");
        }

        // Twice a day at least: a missed run (deployment, outage) must not leave a certificate a whole day late.
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var runs = schedule.GetNextOccurrences(start, start.AddDays(1)).Take(2).Count();
        return runs >= 2
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"RenewalSchedule '{options.RenewalSchedule}' runs fewer than twice a day; renewals need at least two scans a day.");
    }
}
