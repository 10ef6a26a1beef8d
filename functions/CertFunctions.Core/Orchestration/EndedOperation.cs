namespace CertFunctions.Core.Orchestration;

/// <summary>An operation (orchestration instance) that has ended, and when the runtime recorded its end.</summary>
/// <param name="InstanceId">The instance id, which owns the tokens and pending keys it wrote.</param>
/// <param name="EndedAt">When it ended; what was written after this belongs to a later run.</param>
public sealed record EndedOperation(string InstanceId, DateTimeOffset EndedAt);
