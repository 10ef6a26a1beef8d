using System.Collections.Concurrent;
using CertFunctions.Core.Hosting;
using CertFunctions.Core.Orchestration;

namespace CertFunctions.Core.Tests.Renewal;

/// <summary>The orchestration seam for scan tests: records what a scan starts and reports a chosen state per instance (none by default).</summary>
internal sealed class ScanTestGateway : IOrchestrationGateway
{
    public ConcurrentBag<IssueCertificateRequest> Started { get; } = [];

    public ConcurrentDictionary<string, OrchestrationState> States { get; } = new();

    public Task<OrchestrationStartResult> StartIfNotRunningAsync(string orchestratorName, string instanceId, object? input, CancellationToken cancellationToken)
    {
        Started.Add((IssueCertificateRequest)input!);
        return Task.FromResult(new OrchestrationStartResult(instanceId, true, null));
    }

    public Task<OrchestrationSnapshot?> GetAsync(string instanceId, CancellationToken cancellationToken) =>
        Task.FromResult(States.TryGetValue(instanceId, out var state)
            ? new OrchestrationSnapshot(instanceId, IssueCertificateOrchestrator.Name, state, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, null, null, null)
            : null);

    public Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken) => Task.CompletedTask;
}
