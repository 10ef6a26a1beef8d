using CertFunctions.Core.Kubernetes.Routing;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Input of <see cref="PresentChallengeActivity"/>: the tokens to publish and the route to add.</summary>
/// <param name="Owner">The orchestration instance id, kept with each token for leftover cleanup.</param>
/// <param name="Challenges">The challenges to publish.</param>
/// <param name="Routing">The route to add for them.</param>
public sealed record PresentChallengesInput(string Owner, IReadOnlyList<PendingChallenge> Challenges, ChallengeRoutingRequest Routing);
