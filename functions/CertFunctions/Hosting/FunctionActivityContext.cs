using Microsoft.DurableTask;

namespace CertFunctions.Hosting;

/// <summary>The activity context Core's <see cref="TaskActivity{TInput, TOutput}"/> classes receive when a Functions trigger runs them.</summary>
internal sealed class FunctionActivityContext(string name, string instanceId) : TaskActivityContext
{
    /// <inheritdoc />
    public override TaskName Name { get; } = name;

    /// <inheritdoc />
    public override string InstanceId { get; } = instanceId;
}
