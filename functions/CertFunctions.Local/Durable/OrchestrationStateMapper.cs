using CertFunctions.Core.Hosting;
using DurableTask.Core;
using CoreOrchestrationState = DurableTask.Core.OrchestrationState;
using OrchestrationState = CertFunctions.Core.Hosting.OrchestrationState;

namespace CertFunctions.Local.Durable;

/// <summary>Maps DTFx instance state to the host-neutral <see cref="OrchestrationSnapshot"/>.</summary>
internal static class OrchestrationStateMapper
{
    /// <summary>The snapshot of <paramref name="state"/>; <paramref name="failure"/> when the caller read it from history.</summary>
    public static OrchestrationSnapshot ToSnapshot(CoreOrchestrationState state, OrchestrationFailure? failure = null)
    {
        var runtimeState = ToState(state.OrchestrationStatus);
        return new OrchestrationSnapshot(
            state.OrchestrationInstance.InstanceId,
            state.Name,
            runtimeState,
            ToUtc(state.CreatedTime),
            ToUtc(state.LastUpdatedTime),
            state.Input,
            runtimeState == OrchestrationState.Completed ? state.Output : null,
            string.IsNullOrEmpty(state.Status) ? null : state.Status,
            runtimeState == OrchestrationState.Failed
                ? failure ?? FailureDetailsReader.FromFailureDetails(state.FailureDetails) ?? FailureDetailsReader.FromOutput(state.Output)
                : null);
    }

    public static OrchestrationState ToState(OrchestrationStatus status) => status switch
    {
        OrchestrationStatus.Pending => OrchestrationState.Pending,
        OrchestrationStatus.Running or OrchestrationStatus.ContinuedAsNew => OrchestrationState.Running,
        OrchestrationStatus.Completed => OrchestrationState.Completed,
        OrchestrationStatus.Failed => OrchestrationState.Failed,
        OrchestrationStatus.Terminated or OrchestrationStatus.Canceled => OrchestrationState.Terminated,
        OrchestrationStatus.Suspended => OrchestrationState.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration status."),
    };

    private static DateTimeOffset ToUtc(DateTime time)
        => time == default ? default : new DateTimeOffset(DateTime.SpecifyKind(time.ToUniversalTime(), DateTimeKind.Utc));
}
