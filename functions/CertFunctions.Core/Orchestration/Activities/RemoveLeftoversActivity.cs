using CertFunctions.Core.Challenges;
using CertFunctions.Core.Kubernetes.Routing;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Removes what an interrupted earlier run left behind: challenge paths and solver objects (by label) and its tokens.</summary>
public sealed class RemoveLeftoversActivity(ChallengeRouter router, ChallengeTokenStore tokens) : TaskActivity<CleanupInput, int>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(RemoveLeftoversActivity);

    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, CleanupInput input)
    {
        var leftovers = await router.RemoveLeftoversAsync(input.Certificate, CancellationToken.None).ConfigureAwait(false);
        var deletedTokens = await tokens.DeleteOwnedByAsync(input.Owner, CancellationToken.None).ConfigureAwait(false);
        return leftovers.RemovedPaths + leftovers.RemovedSolverIngresses + deletedTokens;
    }
}
