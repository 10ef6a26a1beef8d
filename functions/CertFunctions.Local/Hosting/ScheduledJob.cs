using CertFunctions.Core.Discovery;
using CertFunctions.Core.Renewal;

namespace CertFunctions.Local.Hosting;

/// <summary>One job the local timer runs on a named schedule: the local stand-in for one Functions timer trigger.</summary>
/// <param name="Name">The job's name in logs and errors (the Functions trigger's name).</param>
/// <param name="ScheduleSetting">The flat setting that holds its NCRONTAB schedule.</param>
/// <param name="Schedule">Reads that schedule from the options.</param>
/// <param name="Enabled">Reads whether the local host runs it on its own.</param>
/// <param name="RunAsync">The work, resolved from the host's services.</param>
public sealed record ScheduledJob(
    string Name,
    string ScheduleSetting,
    Func<TimerScheduleOptions, string> Schedule,
    Func<LocalHostOptions, bool> Enabled,
    Func<IServiceProvider, CancellationToken, Task> RunAsync)
{
    /// <summary>The renewal scan on <c>RenewalSchedule</c>.</summary>
    public static ScheduledJob Renewal { get; } = new(
        "RenewalTimer",
        nameof(TimerScheduleOptions.RenewalSchedule),
        s => s.RenewalSchedule,
        l => l.RunRenewalTimer,
        (services, cancellationToken) => services.GetRequiredService<RenewalScanner>().ScanAsync(cancellationToken));

    /// <summary>The discovery run on <c>DiscoverySchedule</c>.</summary>
    public static ScheduledJob Discovery { get; } = new(
        "DiscoveryTimer",
        nameof(TimerScheduleOptions.DiscoverySchedule),
        s => s.DiscoverySchedule,
        l => l.RunDiscoveryTimer,
        (services, cancellationToken) => services.GetRequiredService<DiscoveryScanner>().RunAsync(cancellationToken));
}
