using CertFunctions.Core.Challenges;
using CertFunctions.Core.Kubernetes.Routing;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Removes exactly the challenge routes that were presented, and releases the tokens.</summary>
public sealed class CleanupActivity(ChallengeRouter router, ChallengeTokenStore tokens) : IssuanceActivity<CleanupInput, bool>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(CleanupActivity);

    /// <inheritdoc />
    protected override async Task<bool> RunStepAsync(TaskActivityContext context, CleanupInput input)
    {
        if (input.Presented is not null)
        {
            await router.RemoveAsync(input.Presented, CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            // Presenting may have been interrupted after a partial write: remove whatever carries our labels.
            await router.RemoveLeftoversAsync(input.Certificate, CancellationToken.None).ConfigureAwait(false);
        }

        // The orchestration knows every token it published; tokens of a crashed run are released with the next Ingress read.
        // A token another running issuance also presents (same pending authorization) stays until that one releases it.
        await tokens.ReleaseAsync(input.Owner, input.Tokens, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
