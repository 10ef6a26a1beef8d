using CertFunctions.Core.Renewal;
using Microsoft.Extensions.Options;

namespace CertFunctions.Local.Hosting;

/// <summary>Runs one <see cref="ScheduledJob"/> on its schedule until the host stops; a failed run is logged and the next one still comes.</summary>
public sealed partial class ScheduledTimerService(
    ScheduledJob job,
    IServiceProvider services,
    IOptions<TimerScheduleOptions> schedules,
    IOptions<LocalHostOptions> localOptions,
    TimeProvider timeProvider,
    ILogger<ScheduledTimerService> logger) : BackgroundService
{
    /// <summary>Registers the service for <paramref name="job"/>: one instance per job, all of this one type.</summary>
    public static void Register(IServiceCollection serviceCollection, ScheduledJob job)
    {
        ArgumentNullException.ThrowIfNull(serviceCollection);
        ArgumentNullException.ThrowIfNull(job);

        // Not AddHostedService: it keeps one registration per implementation type, and every job shares this type.
        serviceCollection.AddSingleton<IHostedService>(provider => ActivatorUtilities.CreateInstance<ScheduledTimerService>(provider, job));
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!job.Enabled(localOptions.Value))
        {
            return;
        }

        var expression = job.Schedule(schedules.Value);
        var schedule = RenewalSchedule.TryParse(expression)
            ?? throw new InvalidOperationException($"{job.ScheduleSetting} '{expression}' is not a valid NCRONTAB expression.");
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = timeProvider.GetUtcNow().UtcDateTime;
            var next = schedule.GetNextOccurrence(now);
            LogNextRun(logger, job.Name, next);
            await Task.Delay(next - now, timeProvider, stoppingToken).ConfigureAwait(false);
            try
            {
                await job.RunAsync(services, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRunFailed(logger, job.Name, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Next {Job} run at {Next:u}")]
    private static partial void LogNextRun(ILogger logger, string job, DateTime next);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Job} run failed")]
    private static partial void LogRunFailed(ILogger logger, string job, Exception exception);
}
