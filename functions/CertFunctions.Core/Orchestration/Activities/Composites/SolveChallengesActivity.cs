using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>
/// Presents the challenges (<see cref="PresentChallengeActivity"/>), checks them until they answer
/// (<see cref="SelfCheckActivity"/>, within its budget) and, only then, asks the CA to validate
/// (<see cref="ValidateActivity"/>). When the check does not pass within the budget it stops before the CA and the
/// orchestration goes on with durable timers; so the slow path is unchanged and the common path is one round trip.
/// </summary>
public sealed class SolveChallengesActivity(PresentChallengeActivity present, SelfCheckActivity selfCheck, ValidateActivity validate)
    : IssuanceActivity<SolveChallengesInput, SolvedChallenges>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(SolveChallengesActivity);

    /// <inheritdoc />
    protected override async Task<SolvedChallenges> RunStepAsync(TaskActivityContext context, SolveChallengesInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var presented = await present.RunAsync(context, input.Present).ConfigureAwait(false);
        SelfCheckRound? round = null;
        if (input.SelfCheck is { } check)
        {
            round = await selfCheck.RunAsync(context, check).ConfigureAwait(false);
            if (!round.Passed)
            {
                return new SolvedChallenges(presented, round, null);
            }
        }

        var validation = input.Validate is { } request ? await validate.RunAsync(context, request).ConfigureAwait(false) : null;
        return new SolvedChallenges(presented, round, validation);
    }
}
