using CertFunctions.Core.Kubernetes.Routing;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Result of <see cref="SolveChallengesActivity"/>: how far it got.</summary>
/// <param name="Presented">What routing added (for the exact cleanup).</param>
/// <param name="SelfCheck">The self-check's last round, when one ran.</param>
/// <param name="Validation">The CA's answer, when it was asked (the self-check passed or was not requested).</param>
public sealed record SolvedChallenges(PresentedChallenge Presented, SelfCheckRound? SelfCheck, ValidateOutput? Validation);
