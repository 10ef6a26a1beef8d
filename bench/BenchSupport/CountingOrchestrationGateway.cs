using System.Collections.Concurrent;
using CertFunctions.Core.Hosting;

namespace BenchSupport;

/// <summary>An orchestration gateway that starts nothing: it records the instance ids a scan or discovery run asked to start.</summary>
public sealed class CountingOrchestrationGateway : IOrchestrationGateway
{
    private readonly ConcurrentDictionary<string, int> _starts = new(StringComparer.Ordinal);

    /// <summary>Distinct instance ids started since the last <see cref="Reset"/>.</summary>
    public int DistinctStarts => _starts.Count;

    /// <summary>Every start since the last <see cref="Reset"/>, repeats included.</summary>
    public int Starts => _starts.Values.Sum();

    /// <summary>The instance ids started since the last <see cref="Reset"/>.</summary>
    public IReadOnlyCollection<string> Started => [.. _starts.Keys];

    /// <summary>Forgets the recorded starts.</summary>
    public void Reset() => _starts.Clear();

    /// <inheritdoc />
    public Task<OrchestrationStartResult> StartIfNotRunningAsync(string orchestratorName, string instanceId, object? input, CancellationToken cancellationToken)
    {
        _starts.AddOrUpdate(instanceId, 1, (_, n) => n + 1);
        return Task.FromResult(new OrchestrationStartResult(instanceId, true, null));
    }

    /// <inheritdoc />
    public Task<OrchestrationSnapshot?> GetAsync(string instanceId, CancellationToken cancellationToken) => Task.FromResult<OrchestrationSnapshot?>(null);

    /// <inheritdoc />
    public Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken) => Task.CompletedTask;
}
