namespace CertFunctions.Core.Kubernetes.Errors;

/// <summary>Base of every error raised by the Kubernetes services; says whether retrying can help.</summary>
public abstract class KubernetesOperationException : Exception
{
    protected KubernetesOperationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>True when the same call may succeed later (conflicts, 5xx, network); false when a person must act.</summary>
    public abstract bool IsTransient { get; }
}
