using CertFunctions.Core.SelfCheck;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Result of <see cref="SelfCheckActivity"/>.</summary>
/// <param name="Passed">True when every challenge passed the required number of times in a row.</param>
/// <param name="Passes">Consecutive passes per challenge (same order as the input) at the end.</param>
/// <param name="LastAttempts">The last attempt per challenge, with what was seen.</param>
public sealed record SelfCheckRound(bool Passed, IReadOnlyList<int> Passes, IReadOnlyList<SelfCheckAttempt> LastAttempts);
