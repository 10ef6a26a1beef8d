namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Input of <see cref="SelfCheckActivity"/>: one round over every challenge.</summary>
public sealed record SelfCheckInput(IReadOnlyList<PendingChallenge> Challenges);
