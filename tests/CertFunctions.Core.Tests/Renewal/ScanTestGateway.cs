using System.Collections.Concurrent;
using CertFunctions.Core.Hosting;
using CertFunctions.Core.Orchestration;

namespace CertFunctions.Core.Tests.Renewal;

/// <summary>The orchestration seam for scan tests: records what a scan starts and reports a chosen state per instance (none by default).</summary>
internal sealed class ScanTestGateway : IOrchestrationGateway
{
    public ConcurrentBag<IssueCertificateRequest> Started { get; } = [];

    /// <summary>The notification deliveries the scan queued.</summary>
    public ConcurrentBag<CertFunctions.Core.Notifications.NotificationDelivery> Notifications { get; } = [];

    public ConcurrentDictionary<string, OrchestrationState> States { get; } = new();

    /// <summary>How long each start takes, so overlapping starts can be seen.</summary>
    public TimeSpan StartDuration { get; init; }

    /// <summary>The most starts that were in progress at once.</summary>
    public int MostConcurrentStarts => _mostConcurrent;

    private int _inProgress;
    private int _mostConcurrent;

    public async Task<OrchestrationStartResult> StartIfNotRunningAsync(string orchestratorName, string instanceId, object? input, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _inProgress);
        for (var seen = _mostConcurrent; now > seen; seen = _mostConcurrent)
        {
            Interlocked.CompareExchange(ref _mostConcurrent, now, seen);
        }

        try
        {
            await Task.Delay(StartDuration, cancellationToken);
            if (input is CertFunctions.Core.Notifications.NotificationDelivery delivery)
            {
                Notifications.Add(delivery);
            }
            else
            {
                Started.Add((IssueCertificateRequest)input!);
            }

            return new OrchestrationStartResult(instanceId, true, null);
        }
        finally
        {
            Interlocked.Decrement(ref _inProgress);
        }
    }

    public Task<OrchestrationSnapshot?> GetAsync(string instanceId, CancellationToken cancellationToken) =>
        Task.FromResult(States.TryGetValue(instanceId, out var state)
            ? new OrchestrationSnapshot(instanceId, IssueCertificateOrchestrator.Name, state, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, null, null, null)
            : null);

    public Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken) => Task.CompletedTask;
}
