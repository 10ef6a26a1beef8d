using System.Net;
using CertFunctions.Acme.Protocol;

namespace CertFunctions.Acme.Errors;

/// <summary>The CA refused because of a rate limit (rateLimited or HTTP 429); wait for RetryAfter before trying again.</summary>
public sealed class AcmeRateLimitedException(AcmeProblem problem, HttpStatusCode? httpStatus)
    : AcmeProblemException(problem, httpStatus)
{
    /// <inheritdoc />
    public override bool IsRetryable => true;
}
