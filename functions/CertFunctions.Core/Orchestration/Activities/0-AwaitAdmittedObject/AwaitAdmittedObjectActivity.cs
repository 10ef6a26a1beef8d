using CertFunctions.Core.Discovery;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>
/// Step 0 of an issuance the admission webhook started: is the admitted object (an Ingress or a Gateway) stored yet, and
/// does it need an issuance? Reads only, so running it twice gives the same answer for the same cluster state.
/// </summary>
public sealed class AwaitAdmittedObjectActivity(IssuanceNeedCheck check, TimeProvider time) : IssuanceActivity<AwaitAdmittedObjectInput, IssuanceNeedResult>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(AwaitAdmittedObjectActivity);

    /// <summary>
    /// How long one activity keeps re-reading an object that is not stored yet. Admission runs milliseconds before storage,
    /// so a short in-process poll nearly always sees it; a durable timer instead costs a queue round trip and, in Azure,
    /// up to one <c>maxQueuePollingInterval</c> (docs/host-json.md). Longer waits are the orchestrator's durable timers.
    /// </summary>
    public static readonly TimeSpan InProcessWait = TimeSpan.FromSeconds(2);

    /// <summary>Pause between two reads inside the activity.</summary>
    public static readonly TimeSpan InProcessInterval = TimeSpan.FromMilliseconds(50);

    /// <inheritdoc />
    protected override async Task<IssuanceNeedResult> RunStepAsync(TaskActivityContext context, AwaitAdmittedObjectInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var deadline = time.GetUtcNow() + InProcessWait;
        while (true)
        {
            var need = await check.CheckAsync(input.Certificate, input.Admitted.Uid, input.Admitted.Generation, CancellationToken.None).ConfigureAwait(false);
            if (need.Need != IssuanceNeed.NotStored || time.GetUtcNow() + InProcessInterval > deadline)
            {
                return need;
            }

            await Task.Delay(InProcessInterval, time).ConfigureAwait(false);
        }
    }
}
