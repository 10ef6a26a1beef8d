using CertFunctions.Core.Kubernetes.Routing;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Routes the challenge paths of the Ingress's hosts to the responder (in place or with a solver Ingress).</summary>
public sealed class PresentChallengeActivity(ChallengeRouter router) : TaskActivity<ChallengeRoutingRequest, PresentedChallenge>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(PresentChallengeActivity);

    /// <inheritdoc />
    public override Task<PresentedChallenge> RunAsync(TaskActivityContext context, ChallengeRoutingRequest input)
        => router.PresentAsync(input, CancellationToken.None);
}
