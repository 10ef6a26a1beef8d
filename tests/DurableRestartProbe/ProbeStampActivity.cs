using Microsoft.DurableTask;

namespace DurableRestartProbe;

/// <summary>Answers with the id of the process that runs it.</summary>
public sealed class ProbeStampActivity : TaskActivity<object?, int>
{
    /// <inheritdoc />
    public override Task<int> RunAsync(TaskActivityContext context, object? input) => Task.FromResult(Environment.ProcessId);
}
