using System.Net;
using CertFunctions.Acme.Protocol;

namespace CertFunctions.Acme.Errors;

/// <summary>The CA rejected the CSR (badCSR), e.g. its names differ from the order.</summary>
public sealed class AcmeBadCsrException(AcmeProblem problem, HttpStatusCode? httpStatus)
    : AcmeProblemException(problem, httpStatus)
{
    /// <inheritdoc />
    public override bool IsRetryable => false;
}
