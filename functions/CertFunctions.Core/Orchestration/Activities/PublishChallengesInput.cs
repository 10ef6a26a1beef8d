namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Input of <see cref="PublishChallengesActivity"/>.</summary>
/// <param name="Owner">The orchestration instance id, kept with each token for leftover cleanup.</param>
/// <param name="Challenges">The challenges to publish.</param>
public sealed record PublishChallengesInput(string Owner, IReadOnlyList<PendingChallenge> Challenges);
