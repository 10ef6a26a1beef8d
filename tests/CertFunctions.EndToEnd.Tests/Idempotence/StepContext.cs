using Microsoft.DurableTask;

namespace CertFunctions.EndToEnd.Tests.Idempotence;

/// <summary>The activity context a step receives, as the task hub would give it: the activity's name and the instance.</summary>
internal sealed class StepContext(string name, string instanceId) : TaskActivityContext
{
    /// <inheritdoc />
    public override TaskName Name { get; } = name;

    /// <inheritdoc />
    public override string InstanceId { get; } = instanceId;
}
