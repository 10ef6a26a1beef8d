using System.Net;

namespace CertFunctions.Core.Kubernetes.Errors;

/// <summary>The Kubernetes API failed a call in a way that may pass later: throttling (429), 5xx, timeouts, network errors, conflicts.</summary>
public sealed class KubernetesApiUnavailableException : TransientKubernetesException
{
    public KubernetesApiUnavailableException(string message, HttpStatusCode? statusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status the API answered, or null when no answer arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>True for the statuses this type stands for.</summary>
    public static bool IsTransientStatus(HttpStatusCode? status) => status is null
        or HttpStatusCode.TooManyRequests
        or HttpStatusCode.Conflict
        or HttpStatusCode.RequestTimeout
        or HttpStatusCode.Gone
        or >= HttpStatusCode.InternalServerError;
}
