using CertFunctions.Acme.Errors;
using CertFunctions.Acme.Protocol;
using CertFunctions.Core.Acme;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>
/// Tells the CA to validate (all challenges at once) and waits, bounded, for the authorizations to settle. Safe to run
/// again: a challenge an earlier attempt already answered is not answered twice (<see cref="CertFunctions.Acme.AcmeClient.AnswerChallengeOnceAsync"/>).
/// </summary>
public sealed class ValidateActivity(AcmeAccountRecovery acme) : IssuanceActivity<ValidateInput, ValidateOutput>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(ValidateActivity);

    private static readonly TimeSpan PendingRetry = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    protected override Task<ValidateOutput> RunStepAsync(TaskActivityContext context, ValidateInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return acme.RunAsync(input.Issuer, input.Certificate, client => ValidateAsync(client, input), CancellationToken.None);
    }

    private static async Task<ValidateOutput> ValidateAsync(CertFunctions.Acme.AcmeClient client, ValidateInput input)
    {
        if (input.Answer)
        {
            await Task.WhenAll(input.Challenges.Select(c => client.AnswerChallengeOnceAsync(c.AuthorizationUrl, c.ChallengeUrl, CancellationToken.None))).ConfigureAwait(false);
        }

        AcmeAuthorization[] authorizations;
        try
        {
            authorizations = await Task.WhenAll(input.Challenges.Select(c => client.WaitForAuthorizationAsync(c.AuthorizationUrl, CancellationToken.None))).ConfigureAwait(false);
        }
        catch (AcmeTimeoutException)
        {
            return new ValidateOutput(ValidationState.Pending, null, PendingRetry);
        }

        var failures = authorizations
            .Where(a => a.Status != AcmeStatus.Valid)
            .Select(Describe)
            .ToList();
        return failures.Count == 0
            ? new ValidateOutput(ValidationState.Valid, null, null)
            : new ValidateOutput(ValidationState.Invalid, string.Join("; ", failures), null);
    }

    private static string Describe(AcmeAuthorization authorization)
    {
        var error = authorization.Challenges.Select(c => c.Error).FirstOrDefault(e => e is not null);
        return error is null
            ? $"{authorization.Identifier.Value}: authorization is {authorization.Status}"
            : $"{authorization.Identifier.Value}: {error.Detail} ({error.Type})";
    }
}
