using System.Net;
using CertFunctions.Acme.Protocol;

namespace CertFunctions.Acme.Errors;

/// <summary>The CA is unavailable or failed internally (HTTP 503, serverInternal); retry after RetryAfter.</summary>
public sealed class AcmeServerUnavailableException(AcmeProblem problem, HttpStatusCode? httpStatus)
    : AcmeProblemException(problem, httpStatus)
{
    /// <inheritdoc />
    public override bool IsRetryable => true;
}
