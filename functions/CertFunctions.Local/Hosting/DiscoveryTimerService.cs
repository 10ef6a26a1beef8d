using CertFunctions.Core.Discovery;
using CertFunctions.Core.Renewal;
using Microsoft.Extensions.Options;

namespace CertFunctions.Local.Hosting;

/// <summary>The local stand-in for the Functions discovery timer: runs discovery on <c>DiscoverySchedule</c>.</summary>
public sealed partial class DiscoveryTimerService(
    DiscoveryScanner scanner,
    IOptions<TimerScheduleOptions> schedules,
    IOptions<LocalHostOptions> localOptions,
    TimeProvider timeProvider,
    ILogger<DiscoveryTimerService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!localOptions.Value.RunDiscoveryTimer)
        {
            return;
        }

        var schedule = RenewalSchedule.TryParse(schedules.Value.DiscoverySchedule)
            ?? throw new InvalidOperationException($"DiscoverySchedule '{schedules.Value.DiscoverySchedule}' is not valid.");
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = timeProvider.GetUtcNow().UtcDateTime;
            var next = schedule.GetNextOccurrence(now);
            await Task.Delay(next - now, timeProvider, stoppingToken).ConfigureAwait(false);
            try
            {
                await scanner.RunAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRunFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Discovery run failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
