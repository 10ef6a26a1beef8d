using CertFunctions.Acme.Errors;
using CertFunctions.Acme.Protocol;

namespace CertFunctions.Acme;

/// <summary>Answering a challenge at most once, so a step that runs again does not fail on a challenge the CA already took.</summary>
public sealed partial class AcmeClient
{
    /// <summary>
    /// Answers the challenge at <paramref name="challengeUrl"/> only while it is pending; a challenge already
    /// processing, valid or invalid is left alone. Returns the authorization as the CA sees it afterwards.
    /// </summary>
    /// <remarks>
    /// An earlier attempt may have answered and died before saying so (Durable activities run at least once). The CA
    /// refuses to update a challenge that is no longer pending (RFC 8555 section 7.5.1; Boulder and Pebble say
    /// "malformed ... only status pending"): that refusal means the other answer arrived first, so the authorization
    /// is read again instead of failing.
    /// </remarks>
    public async Task<AcmeAuthorization> AnswerChallengeOnceAsync(Uri authorizationUrl, Uri challengeUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authorizationUrl);
        ArgumentNullException.ThrowIfNull(challengeUrl);
        var authorization = await GetAuthorizationAsync(authorizationUrl, cancellationToken).ConfigureAwait(false);
        if (!IsPending(authorization, challengeUrl))
        {
            AcmeLog.ChallengeAlreadyAnswered(_logger, challengeUrl, authorization.Status);
            return authorization;
        }

        try
        {
            await AnswerChallengeAsync(challengeUrl, cancellationToken).ConfigureAwait(false);
        }
        catch (AcmeProblemException error) when (error.ProblemType == AcmeErrorTypes.Malformed)
        {
            var current = await GetAuthorizationAsync(authorizationUrl, cancellationToken).ConfigureAwait(false);
            if (IsPending(current, challengeUrl))
            {
                throw;
            }

            AcmeLog.ChallengeAlreadyAnswered(_logger, challengeUrl, current.Status);
            return current;
        }

        return await GetAuthorizationAsync(authorizationUrl, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsPending(AcmeAuthorization authorization, Uri challengeUrl)
        => authorization.Status == AcmeStatus.Pending
            && authorization.Challenges.FirstOrDefault(c => c.Url == challengeUrl) is not { Status: not AcmeStatus.Pending };
}
