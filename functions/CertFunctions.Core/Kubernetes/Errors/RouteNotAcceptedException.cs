namespace CertFunctions.Core.Kubernetes.Errors;

/// <summary>The Gateway's controller did not accept our solver HTTPRoute in time; the message carries the reason it gave.</summary>
public sealed class RouteNotAcceptedException : PermanentKubernetesException
{
    /// <summary>Creates the exception.</summary>
    public RouteNotAcceptedException(string message, string? reason)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>The controller's condition reason (such as NotAllowedByListeners), or null when it reported nothing.</summary>
    public string? Reason { get; }
}
