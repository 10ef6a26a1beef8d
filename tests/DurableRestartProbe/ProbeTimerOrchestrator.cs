using Microsoft.DurableTask;

namespace DurableRestartProbe;

/// <summary>Records which process started it, waits on a durable timer, then records which process finished it.</summary>
public sealed class ProbeTimerOrchestrator : TaskOrchestrator<ProbeTimerRequest, ProbeTimerResult>
{
    /// <inheritdoc />
    public override async Task<ProbeTimerResult> RunAsync(TaskOrchestrationContext context, ProbeTimerRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        // An activity result is recorded in history, so the starting process id survives replay in another process.
        var startedBy = await context.CallActivityAsync<int>(ProbeTasks.StampActivity);
        var scheduledAt = context.CurrentUtcDateTime;
        context.SetCustomStatus(ProbeTasks.WaitingStatus);
        await context.CreateTimer(scheduledAt.AddSeconds(input.DelaySeconds), CancellationToken.None);
        var completedBy = await context.CallActivityAsync<int>(ProbeTasks.StampActivity);
        return new ProbeTimerResult(startedBy, completedBy, scheduledAt, context.CurrentUtcDateTime);
    }
}
