using System.Text.Json;
using CertFunctions.Core.Hosting;
using CertFunctions.Local.Durable;
using CertFunctions.Testing.Storage;
using Xunit.Abstractions;

namespace CertFunctions.EndToEnd.Tests.Durable;

/// <summary>Durable state outlives the engine: a timer started under one engine fires under the next.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EngineRestartTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);
    private readonly AzuriteFixture _azurite;
    private readonly ITestOutputHelper _output;

    public EngineRestartTests(AzuriteFixture azurite, ITestOutputHelper output)
    {
        _azurite = azurite;
        _output = output;
    }

    [Fact]
    public async Task Timer_orchestration_completes_after_the_engine_is_stopped_mid_timer_and_a_new_one_starts()
    {
        var hub = DurableTestEngine.NewTaskHubName();
        OrchestrationSnapshot midTimer;
        await using (var first = await DurableTestEngine.StartAsync(_azurite.ConnectionString, _output, hub, workerId: "restart-worker"))
        {
            await first.Gateway.StartIfNotRunningAsync(TimerOrchestrator.Name, "timer-1", new TimerRequest(5, "renewal"), CancellationToken.None);
            midTimer = await first.Gateway.WaitUntilAsync(
                "timer-1", s => s.SerializedCustomStatus?.Contains("\"timer\"", StringComparison.Ordinal) == true, Generous, CancellationToken.None);
        }

        Assert.Equal(OrchestrationState.Running, midTimer.State);

        await using var second = await DurableTestEngine.StartAsync(_azurite.ConnectionString, _output, hub, workerId: "restart-worker");
        Assert.Equal(OrchestrationState.Running, (await second.Gateway.GetAsync("timer-1", CancellationToken.None))!.State);
        var done = await second.Gateway.WaitForCompletionAsync("timer-1", Generous, CancellationToken.None);

        Assert.Equal(OrchestrationState.Completed, done.State);
        var result = JsonSerializer.Deserialize<TimerResult>(done.SerializedOutput!)!;
        Assert.Equal("renewal", result.Label);
        Assert.Equal("stamped renewal for timer-1", result.Stamp);

        // Durable timers may fire up to about a second early on Azure Storage.
        Assert.True(result.FiredAt >= result.ScheduledAt.AddSeconds(3), $"fired at {result.FiredAt:o}, scheduled at {result.ScheduledAt:o}");
    }
}
