using System.Net;
using CertFunctions.Acme.Protocol;

namespace CertFunctions.Acme.Errors;

/// <summary>No account exists for this key (accountDoesNotExist).</summary>
public sealed class AcmeAccountDoesNotExistException(AcmeProblem problem, HttpStatusCode? httpStatus)
    : AcmeProblemException(problem, httpStatus)
{
    /// <inheritdoc />
    public override bool IsRetryable => false;
}
