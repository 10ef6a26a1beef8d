using System.Threading.Channels;
using CertFunctions.Core.Renewal;
using CertFunctions.Local.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CertFunctions.Tests.Hosting;

/// <summary>The one local timer loop: each job on its own named schedule, a failed run does not stop the next, a switched-off job never runs.</summary>
public sealed class ScheduledTimerServiceTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 10, 0, 30, TimeSpan.Zero);

    [Fact]
    public async Task Each_job_runs_on_its_own_schedule_setting()
    {
        var time = new FakeTimeProvider(Start);
        var runs = Channel.CreateUnbounded<string>();
        var schedules = new TimerScheduleOptions { RenewalSchedule = "0 0 11 * * *", DiscoverySchedule = "0 */5 * * * *" };
        using var renewal = Service(Job("renewal", s => s.RenewalSchedule, runs), schedules, time);
        using var discovery = Service(Job("discovery", s => s.DiscoverySchedule, runs), schedules, time);
        await renewal.StartAsync(CancellationToken.None);
        await discovery.StartAsync(CancellationToken.None);

        // From 10:00:30 to 11:00:30: discovery every 5 minutes (10:05 ... 11:00), renewal once at 11:00.
        await AdvanceUntilWaitingAsync(time, TimeSpan.FromMinutes(60));
        var seen = new List<string>();
        while (seen.Count < 13)
        {
            seen.Add(await ReadAsync(runs));
        }

        await Task.Delay(100);
        Assert.False(runs.Reader.TryRead(out _));
        Assert.Equal(1, seen.Count(r => r == "renewal"));
        Assert.Equal(12, seen.Count(r => r == "discovery"));
        await renewal.StopAsync(CancellationToken.None);
        await discovery.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_failed_run_is_logged_and_the_next_one_still_comes()
    {
        var time = new FakeTimeProvider(Start);
        var runs = Channel.CreateUnbounded<string>();
        var attempt = 0;
        var job = new ScheduledJob("flaky", "DiscoverySchedule", s => s.DiscoverySchedule, _ => true, (_, _) =>
        {
            runs.Writer.TryWrite("run " + ++attempt);
            return attempt == 1 ? Task.FromException(new InvalidOperationException("boom")) : Task.CompletedTask;
        });
        using var service = Service(job, new TimerScheduleOptions(), time);
        await service.StartAsync(CancellationToken.None);

        await AdvanceUntilWaitingAsync(time, TimeSpan.FromMinutes(5));
        Assert.Equal("run 1", await ReadAsync(runs));
        await AdvanceUntilWaitingAsync(time, TimeSpan.FromMinutes(5));
        Assert.Equal("run 2", await ReadAsync(runs));
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_job_switched_off_in_the_local_settings_never_runs()
    {
        var time = new FakeTimeProvider(Start);
        var runs = Channel.CreateUnbounded<string>();
        var job = Job("discovery", s => s.DiscoverySchedule, runs) with { Enabled = l => l.RunDiscoveryTimer };
        using var service = Service(job, new TimerScheduleOptions(), time, new LocalHostOptions { RunDiscoveryTimer = false });
        await service.StartAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromHours(1));
        await Task.Delay(100);

        Assert.False(runs.Reader.TryRead(out _));
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task An_invalid_schedule_names_its_setting()
    {
        using var service = Service(ScheduledJob.Discovery, new TimerScheduleOptions { DiscoverySchedule = "every five minutes" }, new FakeTimeProvider(Start));

        await service.StartAsync(CancellationToken.None);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => service.ExecuteTask!);

        Assert.Contains("DiscoverySchedule 'every five minutes'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_local_jobs_are_registered_as_hosted_services_of_the_one_timer_type()
    {
        var services = new ServiceCollection();

        ScheduledTimerService.Register(services, ScheduledJob.Renewal);
        ScheduledTimerService.Register(services, ScheduledJob.Discovery);

        Assert.Equal(2, services.Count(d => d.ServiceType == typeof(IHostedService)));
        Assert.Equal(("RenewalSchedule", "DiscoverySchedule"), (ScheduledJob.Renewal.ScheduleSetting, ScheduledJob.Discovery.ScheduleSetting));
    }

    private static ScheduledJob Job(string name, Func<TimerScheduleOptions, string> schedule, Channel<string> runs) =>
        new(name, name + "Schedule", schedule, _ => true, (_, _) =>
        {
            runs.Writer.TryWrite(name);
            return Task.CompletedTask;
        });

    private static ScheduledTimerService Service(ScheduledJob job, TimerScheduleOptions schedules, TimeProvider time, LocalHostOptions? local = null) =>
        new(job, new ServiceCollection().BuildServiceProvider(), Options.Create(schedules), Options.Create(local ?? new LocalHostOptions()), time,
            NullLogger<ScheduledTimerService>.Instance);

    /// <summary>Advances a minute at a time, letting the loop run between steps, so every occurrence on the way fires.</summary>
    private static async Task AdvanceUntilWaitingAsync(FakeTimeProvider time, TimeSpan by)
    {
        for (var step = TimeSpan.Zero; step < by; step += TimeSpan.FromMinutes(1))
        {
            await Task.Delay(20);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        await Task.Delay(50);
    }

    private static async Task<string> ReadAsync(Channel<string> runs)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await runs.Reader.ReadAsync(timeout.Token);
    }
}
