using CertFunctions.Core.Renewal;
using Microsoft.Extensions.Options;

namespace CertFunctions.Local.Hosting;

/// <summary>The local stand-in for the Functions timer trigger: runs the renewal scan on <c>RenewalSchedule</c>.</summary>
public sealed partial class RenewalTimerService(
    RenewalScanner scanner,
    IOptions<TimerScheduleOptions> schedules,
    IOptions<LocalHostOptions> localOptions,
    TimeProvider timeProvider,
    ILogger<RenewalTimerService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!localOptions.Value.RunRenewalTimer)
        {
            return;
        }

        var schedule = RenewalSchedule.TryParse(schedules.Value.RenewalSchedule)
            ?? throw new InvalidOperationException($"RenewalSchedule '{schedules.Value.RenewalSchedule}' is not valid.");
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = timeProvider.GetUtcNow().UtcDateTime;
            var next = schedule.GetNextOccurrence(now);
            LogNextRun(logger, next);
            await Task.Delay(next - now, timeProvider, stoppingToken).ConfigureAwait(false);
            try
            {
                await scanner.ScanAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogScanFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Next renewal scan at {Next:u}")]
    private static partial void LogNextRun(ILogger logger, DateTime next);

    [LoggerMessage(Level = LogLevel.Error, Message = "Renewal scan failed")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);
}
