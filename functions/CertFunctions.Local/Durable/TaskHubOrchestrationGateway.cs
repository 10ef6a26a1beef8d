using CertFunctions.Core.Hosting;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using CoreOrchestrationState = DurableTask.Core.OrchestrationState;

namespace CertFunctions.Local.Durable;

/// <summary>The local host's <see cref="IOrchestrationGateway"/>: DTFx's <see cref="TaskHubClient"/> on the local task hub.</summary>
public sealed class TaskHubOrchestrationGateway(LocalTaskHub hub, ILogger<TaskHubOrchestrationGateway> logger) : IOrchestrationGateway
{
    /// <summary>Statuses in which an instance counts as running: a start for its id is refused.</summary>
    private static readonly OrchestrationStatus[] ActiveStatuses =
    [
        OrchestrationStatus.Pending,
        OrchestrationStatus.Running,
        OrchestrationStatus.ContinuedAsNew,
        OrchestrationStatus.Suspended,
    ];

    private readonly TaskHubClient _client = (hub ?? throw new ArgumentNullException(nameof(hub))).Client;

    /// <inheritdoc />
    public async Task<OrchestrationStartResult> StartIfNotRunningAsync(
        string orchestratorName, string instanceId, object? input, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);

        var existing = await GetAsync(instanceId, cancellationToken);
        if (existing is { IsActive: true })
        {
            return AlreadyActive(orchestratorName, existing);
        }

        OrchestrationInstance started;
        try
        {
            // The service checks the dedupe statuses again right before it writes, so a start racing ours is refused.
            started = await _client.CreateOrchestrationInstanceAsync(
                    orchestratorName, version: string.Empty, instanceId, input, tags: null, ActiveStatuses)
                .WaitAsync(cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            existing = await GetAsync(instanceId, cancellationToken);
            return AlreadyActive(orchestratorName, existing);
        }

        // Two starts that both found no instance both get past the dedupe check; the instance row keeps only one
        // execution id, so the loser of that race learns here that it did not start anything.
        var state = await _client.GetOrchestrationStateAsync(instanceId).WaitAsync(cancellationToken);
        if (state?.OrchestrationInstance is { } current && current.ExecutionId != started.ExecutionId)
        {
            return AlreadyActive(orchestratorName, OrchestrationStateMapper.ToSnapshot(state));
        }

        LocalDurableTaskLog.OrchestrationStarted(logger, orchestratorName, instanceId);
        return new OrchestrationStartResult(instanceId, Started: true, Existing: null);
    }

    /// <inheritdoc />
    public async Task<OrchestrationSnapshot?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var state = await _client.GetOrchestrationStateAsync(instanceId).WaitAsync(cancellationToken);
        if (state is null)
        {
            return null;
        }

        var failure = state.OrchestrationStatus == OrchestrationStatus.Failed && state.FailureDetails is null
            ? await ReadFailureFromHistoryAsync(state, cancellationToken)
            : null;
        return OrchestrationStateMapper.ToSnapshot(state, failure);
    }

    /// <inheritdoc />
    public async Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        await _client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, eventName, payload!)
            .WaitAsync(cancellationToken);
        LocalDurableTaskLog.EventRaised(logger, eventName, instanceId);
    }

    /// <inheritdoc />
    public async Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        await _client.TerminateInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, reason)
            .WaitAsync(cancellationToken);
        LocalDurableTaskLog.OrchestrationTerminated(logger, instanceId);
    }

    /// <summary>Azure Storage keeps only the outer failure in the instance row; the history has the activity's failure inside it.</summary>
    private async Task<OrchestrationFailure?> ReadFailureFromHistoryAsync(CoreOrchestrationState state, CancellationToken cancellationToken)
    {
        var history = await _client.GetOrchestrationHistoryAsync(state.OrchestrationInstance).WaitAsync(cancellationToken);
        return FailureDetailsReader.FromHistoryJson(history);
    }

    private OrchestrationStartResult AlreadyActive(string orchestratorName, OrchestrationSnapshot? existing)
    {
        var instanceId = existing?.InstanceId ?? string.Empty;
        LocalDurableTaskLog.OrchestrationAlreadyActive(logger, instanceId, existing?.State, orchestratorName);
        return new OrchestrationStartResult(instanceId, Started: false, existing);
    }
}
