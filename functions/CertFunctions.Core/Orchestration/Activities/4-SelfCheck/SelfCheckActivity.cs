using CertFunctions.Core.SelfCheck;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>
/// Fetches every challenge URL the way the CA will, round after round, until each answered correctly
/// <see cref="SelfCheckInput.ConsecutivePasses"/> times in a row or the budget is spent. Looping here rather than
/// in the orchestration keeps the common case to one activity call instead of one call and one timer per round.
/// </summary>
public sealed class SelfCheckActivity(ChallengeSelfChecker checker, TimeProvider timeProvider) : IssuanceActivity<SelfCheckInput, SelfCheckRound>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(SelfCheckActivity);

    /// <inheritdoc />
    protected override async Task<SelfCheckRound> RunStepAsync(TaskActivityContext context, SelfCheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var passes = new int[input.Challenges.Count];
        var deadline = timeProvider.GetUtcNow() + input.Budget;
        while (true)
        {
            var attempts = await Task.WhenAll(input.Challenges.Select(c => checker.CheckOnceAsync(c.Host, c.Token, c.KeyAuthorization, CancellationToken.None))).ConfigureAwait(false);
            for (var i = 0; i < attempts.Length; i++)
            {
                passes[i] = attempts[i].Passed ? passes[i] + 1 : 0;
            }

            if (passes.All(p => p >= input.ConsecutivePasses))
            {
                Telemetry.IssuanceTelemetry.SelfCheckRound(passed: true);
                return new SelfCheckRound(true, passes, attempts);
            }

            if (timeProvider.GetUtcNow() + input.Interval > deadline)
            {
                Telemetry.IssuanceTelemetry.SelfCheckRound(passed: false);
                return new SelfCheckRound(false, passes, attempts);
            }

            await Task.Delay(input.Interval, timeProvider).ConfigureAwait(false);
        }
    }
}
