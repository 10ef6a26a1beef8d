using System.Net;

namespace CertFunctions.Core.Kubernetes.Errors;

/// <summary>The Kubernetes API refused a call in a way retrying will not fix (400, 401, 403, 404, 422, ...).</summary>
public sealed class KubernetesApiException : PermanentKubernetesException
{
    public KubernetesApiException(string message, HttpStatusCode? statusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status the API answered.</summary>
    public HttpStatusCode? StatusCode { get; }
}
