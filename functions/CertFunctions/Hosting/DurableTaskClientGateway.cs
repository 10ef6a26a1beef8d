using CertFunctions.Core.Hosting;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CertFunctions.Hosting;

/// <summary>Fills Core's <see cref="IOrchestrationGateway"/> with the Functions host's <see cref="DurableTaskClient"/>.</summary>
public sealed class DurableTaskClientGateway(DurableTaskClient client) : IOrchestrationGateway
{
    /// <inheritdoc />
    public async Task<OrchestrationStartResult> StartIfNotRunningAsync(string orchestratorName, string instanceId, object? input, CancellationToken cancellationToken)
    {
        var existing = await GetAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (existing is { IsActive: true })
        {
            return new OrchestrationStartResult(instanceId, false, existing);
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, new StartOrchestrationOptions(instanceId), cancellationToken).ConfigureAwait(false);
            return new OrchestrationStartResult(instanceId, true, null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Grpc.Core.RpcException)
        {
            // Lost a race with another start (the host refuses to overwrite a running instance): report that one.
            var raced = await GetAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (raced is { IsActive: true })
            {
                return new OrchestrationStartResult(instanceId, false, raced);
            }

            throw;
        }
    }

    /// <inheritdoc />
    public async Task<OrchestrationSnapshot?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (metadata is null)
        {
            return null;
        }

        return new OrchestrationSnapshot(
            metadata.InstanceId,
            metadata.Name,
            Map(metadata.RuntimeStatus),
            metadata.CreatedAt,
            metadata.LastUpdatedAt,
            metadata.SerializedInput,
            metadata.SerializedOutput,
            metadata.SerializedCustomStatus,
            metadata.FailureDetails is { } failure ? new OrchestrationFailure(failure.ErrorType, failure.ErrorMessage) : null);
    }

    /// <inheritdoc />
    public Task RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken)
        => client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);

    /// <inheritdoc />
    public Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken)
        => client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions { Output = reason }, cancellationToken);

    private static OrchestrationState Map(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => OrchestrationState.Pending,
        OrchestrationRuntimeStatus.Running => OrchestrationState.Running,
        OrchestrationRuntimeStatus.Completed => OrchestrationState.Completed,
        OrchestrationRuntimeStatus.Failed => OrchestrationState.Failed,
        OrchestrationRuntimeStatus.Terminated => OrchestrationState.Terminated,
        OrchestrationRuntimeStatus.Suspended => OrchestrationState.Suspended,
        _ => OrchestrationState.Running,
    };
}
