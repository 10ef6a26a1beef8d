namespace CertFunctions.Core.Hosting;

/// <summary>A point-in-time view of one orchestration instance.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="Name">The orchestrator name.</param>
/// <param name="State">The runtime state.</param>
/// <param name="CreatedAt">When the instance was created.</param>
/// <param name="LastUpdatedAt">When the instance last changed.</param>
/// <param name="SerializedInput">The input as JSON, if any.</param>
/// <param name="SerializedOutput">The output as JSON, when completed.</param>
/// <param name="SerializedCustomStatus">The custom status as JSON, if set.</param>
/// <param name="Failure">The failure, when failed.</param>
public sealed record OrchestrationSnapshot(
    string InstanceId,
    string Name,
    OrchestrationState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? SerializedInput,
    string? SerializedOutput,
    string? SerializedCustomStatus,
    OrchestrationFailure? Failure)
{
    /// <summary>True while the instance is pending, running or suspended.</summary>
    public bool IsActive => State is OrchestrationState.Pending or OrchestrationState.Running or OrchestrationState.Suspended;
}
