using CertFunctions.Core.Challenges;
using CertFunctions.Core.Kubernetes.Events;
using CertFunctions.Core.Kubernetes.Routing;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>
/// Publishes the key authorizations to the responder's container, routes the challenge paths to the responder
/// (in place or with a solver Ingress) and records a ChallengePresented Event — one activity, one round trip.
/// </summary>
public sealed class PresentChallengeActivity(ChallengeTokenStore tokens, ChallengeRouter router, IngressEventRecorder events)
    : IssuanceActivity<PresentChallengesInput, PresentedChallenge>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(PresentChallengeActivity);

    /// <inheritdoc />
    protected override async Task<PresentedChallenge> RunStepAsync(TaskActivityContext context, PresentChallengesInput input)
    {
        ArgumentNullException.ThrowIfNull(input);

        // Tokens first: the route must never point at a responder that does not know the token yet.
        await tokens.PublishAsync(
            input.Owner,
            input.Challenges.Select(c => new PublishedChallenge(c.Token, c.KeyAuthorization, [c.Host])),
            CancellationToken.None).ConfigureAwait(false);
        var presented = await router.PresentAsync(input.Routing, CancellationToken.None).ConfigureAwait(false);
        await events.RecordAsync(
            input.Routing.Certificate,
            IngressEventReasons.ChallengePresented,
            $"Routed /.well-known/acme-challenge/ for {string.Join(", ", input.Routing.Hosts)} to the CertFunctions responder ({presented.Strategy}).",
            IngressEventType.Normal,
            CancellationToken.None).ConfigureAwait(false);
        return presented;
    }
}
