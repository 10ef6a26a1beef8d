using System.Text.Json;
using CertFunctions.Core.Hosting;
using CertFunctions.Local.Durable;
using CertFunctions.Testing.Processes;
using CertFunctions.Testing.Storage;
using DurableRestartProbe;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace CertFunctions.EndToEnd.Tests.Durable;

/// <summary>A host process killed with SIGKILL in the middle of a durable timer: the next process finishes the instance.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ProcessKillRestartTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);
    private readonly AzuriteFixture _azurite;
    private readonly ITestOutputHelper _output;

    public ProcessKillRestartTests(AzuriteFixture azurite, ITestOutputHelper output)
    {
        _azurite = azurite;
        _output = output;
    }

    [Fact]
    public async Task Timer_orchestration_completes_after_its_host_is_killed_mid_timer_and_restarted()
    {
        var hub = DurableTestEngine.NewTaskHubName();
        const string WorkerId = "probe-worker";
        await using var client = BuildClientOnlyServices(hub);
        var gateway = client.GetRequiredService<IOrchestrationGateway>();

        int killedProcessId;
        await using (var first = StartProbe(hub, WorkerId))
        {
            killedProcessId = first.ProcessId;
            await gateway.StartIfNotRunningAsync(ProbeTasks.TimerOrchestration, "probe-1", new ProbeTimerRequest(DelaySeconds: 6), CancellationToken.None);
            var midTimer = await WaitUntilAsync(
                gateway, first, "probe-1", s => s.SerializedCustomStatus == JsonSerializer.Serialize(ProbeTasks.WaitingStatus));
            Assert.Equal(OrchestrationState.Running, midTimer.State);

            await first.KillAsync();
            Assert.False(first.IsRunning);
            _output.WriteLine($"killed probe {killedProcessId} mid-timer; its output:{Environment.NewLine}{first.RecentOutput}");
        }

        Assert.Equal(OrchestrationState.Running, (await gateway.GetAsync("probe-1", CancellationToken.None))!.State);

        await using var second = StartProbe(hub, WorkerId);
        var done = await WaitUntilAsync(gateway, second, "probe-1", s => !s.IsActive);
        _output.WriteLine($"second probe {second.ProcessId} output:{Environment.NewLine}{second.RecentOutput}");

        Assert.Equal(OrchestrationState.Completed, done.State);
        var result = JsonSerializer.Deserialize<ProbeTimerResult>(done.SerializedOutput!)!;
        Assert.Equal(killedProcessId, result.StartedByProcessId);
        Assert.Equal(second.ProcessId, result.CompletedByProcessId);
        Assert.True(result.FiredAt >= result.ScheduledAt.AddSeconds(4), $"fired at {result.FiredAt:o}, scheduled at {result.ScheduledAt:o}");
    }

    /// <summary>Waits on the gateway, failing early with the probe's output if the probe exits.</summary>
    private static async Task<OrchestrationSnapshot> WaitUntilAsync(
        IOrchestrationGateway gateway, ServiceProcess probe, string instanceId, Func<OrchestrationSnapshot, bool> condition)
    {
        using var deadline = new CancellationTokenSource(Generous);
        while (true)
        {
            Assert.True(probe.IsRunning, $"The probe exited. Output:{Environment.NewLine}{probe.RecentOutput}");
            var snapshot = await gateway.GetAsync(instanceId, deadline.Token);
            if (snapshot is not null && condition(snapshot))
            {
                return snapshot;
            }

            await Task.Delay(100, deadline.Token);
        }
    }

    /// <summary>The gateway over the hub without a worker: this test process only starts and watches.</summary>
    private ServiceProvider BuildClientOnlyServices(string hub)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new TestOutputLoggerProvider(_output)));
        services.AddLocalDurableTask(options =>
        {
            options.StorageConnectionString = _azurite.ConnectionString;
            options.TaskHubName = hub;
            options.WorkerId = "test-client";
        });
        return services.BuildServiceProvider();
    }

    private ServiceProcess StartProbe(string hub, string workerId)
    {
        var probe = Path.Combine(AppContext.BaseDirectory, "DurableRestartProbe.dll");
        Assert.True(File.Exists(probe), $"{probe} is missing (it is built through the project reference).");
        var process = ServiceProcess.Start("DurableRestartProbe", "dotnet", [probe, _azurite.ConnectionString, hub, workerId]);
        _output.WriteLine($"started probe {process.ProcessId} on hub {hub} as {workerId}");
        return process;
    }
}
