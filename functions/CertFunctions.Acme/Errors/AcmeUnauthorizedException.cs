using System.Net;
using CertFunctions.Acme.Protocol;

namespace CertFunctions.Acme.Errors;

/// <summary>The CA refused the request as unauthorized (also a wrong external account binding).</summary>
public sealed class AcmeUnauthorizedException(AcmeProblem problem, HttpStatusCode? httpStatus)
    : AcmeProblemException(problem, httpStatus)
{
    /// <inheritdoc />
    public override bool IsRetryable => false;
}
