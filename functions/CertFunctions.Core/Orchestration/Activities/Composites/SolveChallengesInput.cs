namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Input of <see cref="SolveChallengesActivity"/>.</summary>
/// <param name="Present">The tokens to publish and the route to add.</param>
/// <param name="SelfCheck">The reachability check to run after routing; null skips it (SelfCheck:Mode=Wait).</param>
/// <param name="Validate">
/// What to ask the CA once the self-check passed; null stops after presenting (and checking), for example when the
/// orchestration must first wait with a durable timer.
/// </param>
public sealed record SolveChallengesInput(PresentChallengesInput Present, SelfCheckInput? SelfCheck, ValidateInput? Validate);
