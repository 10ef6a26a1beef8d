using CertFunctions.Core.Challenges;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Writes the key authorizations to the responder's blob container.</summary>
public sealed class PublishChallengesActivity(ChallengeTokenStore tokens) : TaskActivity<PublishChallengesInput, int>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(PublishChallengesActivity);

    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, PublishChallengesInput input)
    {
        await tokens.PublishAsync(
            input.Owner,
            input.Challenges.Select(c => new PublishedChallenge(c.Token, c.KeyAuthorization, [c.Host])),
            CancellationToken.None).ConfigureAwait(false);
        return input.Challenges.Count;
    }
}
