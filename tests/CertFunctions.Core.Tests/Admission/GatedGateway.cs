using System.Collections.Concurrent;
using CertFunctions.Core.Hosting;
using CertFunctions.Core.Orchestration;

namespace CertFunctions.Core.Tests.Admission;

/// <summary>The orchestration seam for webhook tests: starts wait until the test opens the gate, then are recorded; one chosen id fails.</summary>
internal sealed class GatedGateway : IOrchestrationGateway
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<IssueCertificateRequest> Started { get; } = new();

    /// <summary>Starts that reached the gateway (held or not).</summary>
    public int Calls => _calls;

    /// <summary>An instance whose start throws, as a storage outage would.</summary>
    public string? FailingInstanceId { get; init; }

    private int _calls;

    public void Open() => _gate.TrySetResult();

    public async Task<OrchestrationStartResult> StartIfNotRunningAsync(string orchestratorName, string instanceId, object? input, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        await _gate.Task.WaitAsync(cancellationToken);
        if (instanceId == FailingInstanceId)
        {
            throw new InvalidOperationException("storage is down");
        }

        Started.Enqueue((IssueCertificateRequest)input!);
        return new OrchestrationStartResult(instanceId, true, null);
    }

    public Task<OrchestrationSnapshot?> GetAsync(string instanceId, CancellationToken cancellationToken) => Task.FromResult<OrchestrationSnapshot?>(null);

    public Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken) => Task.CompletedTask;
}
