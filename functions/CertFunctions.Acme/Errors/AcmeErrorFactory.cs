using System.Net;
using CertFunctions.Acme.Protocol;

namespace CertFunctions.Acme.Errors;

/// <summary>Maps a problem document to the most specific exception type.</summary>
internal static class AcmeErrorFactory
{
    public static AcmeProblemException Create(AcmeProblem problem, HttpStatusCode? status, TimeSpan? retryAfter, Uri? requestUri) => problem.Type switch
    {
        AcmeErrorTypes.RateLimited => new AcmeRateLimitedException(problem, status) { RetryAfter = retryAfter, RequestUri = requestUri },
        AcmeErrorTypes.BadNonce => new AcmeBadNonceException(problem, status) { RetryAfter = retryAfter, RequestUri = requestUri },
        AcmeErrorTypes.AccountDoesNotExist => new AcmeAccountDoesNotExistException(problem, status) { RetryAfter = retryAfter, RequestUri = requestUri },
        AcmeErrorTypes.Unauthorized => new AcmeUnauthorizedException(problem, status) { RetryAfter = retryAfter, RequestUri = requestUri },
        AcmeErrorTypes.BadCsr => new AcmeBadCsrException(problem, status) { RetryAfter = retryAfter, RequestUri = requestUri },
        AcmeErrorTypes.ServerInternal => new AcmeServerUnavailableException(problem, status) { RetryAfter = retryAfter, RequestUri = requestUri },
        _ when status == HttpStatusCode.TooManyRequests => new AcmeRateLimitedException(problem, status) { RetryAfter = retryAfter, RequestUri = requestUri },
        _ when status == HttpStatusCode.ServiceUnavailable => new AcmeServerUnavailableException(problem, status) { RetryAfter = retryAfter, RequestUri = requestUri },
        _ => new AcmeProblemException(problem, status) { RetryAfter = retryAfter, RequestUri = requestUri },
    };
}
