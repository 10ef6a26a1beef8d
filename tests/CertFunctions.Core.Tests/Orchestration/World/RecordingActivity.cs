using Microsoft.DurableTask;

namespace CertFunctions.Core.Tests.Orchestration.World;

/// <summary>
/// Runs a real activity and notes its name when the orchestrator dispatches it (one task-hub round trip), so a test
/// sees which activities the orchestration called, in order, without replacing any of them.
/// </summary>
internal sealed class RecordingActivity(string name, ITaskActivity activity, IssuanceDispatchLog log) : ITaskActivity
{
    public Type InputType => activity.InputType;

    public Type OutputType => activity.OutputType;

    public async Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        log.Started(name);
        try
        {
            return await activity.RunAsync(context, input);
        }
        finally
        {
            log.Finished(name);
        }
    }
}
