namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Input of <see cref="SelfCheckActivity"/>: check every challenge until each passed enough times in a row, within a budget.</summary>
/// <param name="Challenges">The challenges to fetch.</param>
/// <param name="ConsecutivePasses">Correct answers in a row needed per challenge.</param>
/// <param name="Interval">Pause between rounds.</param>
/// <param name="Budget">Longest this activity checks before handing back to the orchestration (which waits with durable timers).</param>
public sealed record SelfCheckInput(IReadOnlyList<PendingChallenge> Challenges, int ConsecutivePasses, TimeSpan Interval, TimeSpan Budget);
