using CertFunctions.Core.Discovery;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>
/// Step 0 of an issuance the admission webhook started: is the admitted object stored yet, and does it need an issuance?
/// Reads only, so running it twice gives the same answer for the same cluster state.
/// </summary>
public sealed class AwaitAdmittedObjectActivity(IssuanceNeedCheck check) : IssuanceActivity<AwaitAdmittedObjectInput, IssuanceNeedResult>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(AwaitAdmittedObjectActivity);

    /// <inheritdoc />
    protected override Task<IssuanceNeedResult> RunStepAsync(TaskActivityContext context, AwaitAdmittedObjectInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return check.CheckAsync(input.Certificate, input.Admitted.Uid, input.Admitted.Generation, CancellationToken.None);
    }
}
