using CertFunctions.Core.SelfCheck;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Fetches every challenge URL once, the way the CA will.</summary>
public sealed class SelfCheckActivity(ChallengeSelfChecker checker) : TaskActivity<SelfCheckInput, IReadOnlyList<SelfCheckAttempt>>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(SelfCheckActivity);

    /// <inheritdoc />
    public override async Task<IReadOnlyList<SelfCheckAttempt>> RunAsync(TaskActivityContext context, SelfCheckInput input)
        => await Task.WhenAll(input.Challenges.Select(c => checker.CheckOnceAsync(c.Host, c.Token, c.KeyAuthorization, CancellationToken.None))).ConfigureAwait(false);
}
