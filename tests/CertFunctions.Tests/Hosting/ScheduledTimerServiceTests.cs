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
    public async Task Each_job_waits_for_the_next_occurrence_of_its_own_schedule_setting()
    {
        var schedules = new TimerScheduleOptions { RenewalSchedule = "0 0 11 * * *", DiscoverySchedule = "0 */5 * * * *" };
        var renewalClock = new CountingTimeProvider(Start);
        var discoveryClock = new CountingTimeProvider(Start);
        using var renewal = Service(ScheduledJob.Renewal, schedules, renewalClock);
        using var discovery = Service(ScheduledJob.Discovery, schedules, discoveryClock);

        await renewal.StartAsync(CancellationToken.None);
        await discovery.StartAsync(CancellationToken.None);

        // From 10:00:30: the renewal scan waits for 11:00, discovery for 10:05.
        Assert.Equal(TimeSpan.FromSeconds(59 * 60 + 30), await renewalClock.NextTimerAsync(1));
        Assert.Equal(TimeSpan.FromSeconds(4 * 60 + 30), await discoveryClock.NextTimerAsync(1));
        await renewal.StopAsync(CancellationToken.None);
        await discovery.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_failed_run_is_logged_and_the_next_one_still_comes()
    {
        var time = new CountingTimeProvider(Start);
        var runs = Channel.CreateUnbounded<string>();
        var attempt = 0;
        var job = new ScheduledJob("flaky", "DiscoverySchedule", s => s.DiscoverySchedule, _ => true, (_, _) =>
        {
            runs.Writer.TryWrite("run " + ++attempt);
            return attempt == 1 ? Task.FromException(new InvalidOperationException("boom")) : Task.CompletedTask;
        });
        using var service = Service(job, new TimerScheduleOptions(), time);
        await service.StartAsync(CancellationToken.None);

        time.Advance(await time.NextTimerAsync(1));
        Assert.Equal("run 1", await ReadAsync(runs));

        // The failure is logged, and the loop waits for the next occurrence (10:10) as before.
        Assert.Equal(TimeSpan.FromMinutes(5), await time.NextTimerAsync(2));
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("run 2", await ReadAsync(runs));
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_job_switched_off_in_the_local_settings_never_runs()
    {
        var time = new CountingTimeProvider(Start);
        var runs = Channel.CreateUnbounded<string>();
        var job = Job("discovery", s => s.DiscoverySchedule, runs) with { Enabled = l => l.RunDiscoveryTimer };
        using var service = Service(job, new TimerScheduleOptions(), time, new LocalHostOptions { RunDiscoveryTimer = false });
        await service.StartAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromHours(1));
        await Task.Delay(100);

        Assert.False(runs.Reader.TryRead(out _));
        Assert.Equal(0, time.Timers);
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

    private static async Task<string> ReadAsync(Channel<string> runs)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await runs.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>A fake clock that records the timers the loop creates: the test moves time only once the loop waits.</summary>
    private sealed class CountingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly List<TimeSpan> _dueTimes = [];

        public int Timers
        {
            get
            {
                lock (_dueTimes)
                {
                    return _dueTimes.Count;
                }
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            // Counted only once the fake clock holds the timer: a test that advances time on seeing the count must not
            // move the clock before the timer exists, or the timer would be due from the later time and never fire.
            var timer = base.CreateTimer(callback, state, dueTime, period);
            lock (_dueTimes)
            {
                _dueTimes.Add(dueTime);
            }

            return timer;
        }

        /// <summary>Waits (real time, at most 10 s) until the <paramref name="number"/>th timer exists; returns its due time.</summary>
        public async Task<TimeSpan> NextTimerAsync(int number)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (DateTime.UtcNow < deadline)
            {
                lock (_dueTimes)
                {
                    if (_dueTimes.Count >= number)
                    {
                        return _dueTimes[number - 1];
                    }
                }

                await Task.Delay(10);
            }

            throw new TimeoutException($"timer {number} was never created");
        }
    }
}
