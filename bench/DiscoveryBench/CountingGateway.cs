using System.Collections.Concurrent;
using CertFunctions.Core.Hosting;

namespace DiscoveryBench;

/// <summary>The orchestration seam for the idle-run measurement: counts starts, runs nothing.</summary>
internal sealed class CountingGateway : IOrchestrationGateway
{
    public ConcurrentBag<string> Started { get; } = [];

    public Task<OrchestrationStartResult> StartIfNotRunningAsync(string orchestratorName, string instanceId, object? input, CancellationToken cancellationToken)
    {
        Started.Add(instanceId);
        return Task.FromResult(new OrchestrationStartResult(instanceId, true, null));
    }

    public Task<OrchestrationSnapshot?> GetAsync(string instanceId, CancellationToken cancellationToken) => Task.FromResult<OrchestrationSnapshot?>(null);

    public Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken) => Task.CompletedTask;
}
