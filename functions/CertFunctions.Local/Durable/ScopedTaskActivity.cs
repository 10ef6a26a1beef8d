using Microsoft.DurableTask;

namespace CertFunctions.Local.Durable;

/// <summary>Runs an activity and then disposes the DI scope it was resolved from.</summary>
internal sealed class ScopedTaskActivity(ITaskActivity inner, AsyncServiceScope scope) : ITaskActivity
{
    public Type InputType => inner.InputType;

    public Type OutputType => inner.OutputType;

    public async Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        try
        {
            return await inner.RunAsync(context, input);
        }
        finally
        {
            await scope.DisposeAsync();
        }
    }
}
