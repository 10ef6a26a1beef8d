using Microsoft.DurableTask;

namespace CertFunctions.Local.Durable;

/// <summary>Runs an activity and then disposes the DI scope it was resolved from.</summary>
internal sealed class ScopedTaskActivity : ITaskActivity
{
    private readonly ITaskActivity _inner;
    private readonly AsyncServiceScope _scope;

    public ScopedTaskActivity(ITaskActivity inner, AsyncServiceScope scope)
    {
        _inner = inner;
        _scope = scope;
    }

    public Type InputType => _inner.InputType;

    public Type OutputType => _inner.OutputType;

    public async Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        try
        {
            return await _inner.RunAsync(context, input);
        }
        finally
        {
            await _scope.DisposeAsync();
        }
    }
}
