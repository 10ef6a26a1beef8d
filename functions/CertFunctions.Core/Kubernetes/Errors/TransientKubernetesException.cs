namespace CertFunctions.Core.Kubernetes.Errors;

/// <summary>An error worth retrying later: lost conflicts, throttling, server errors, network failures.</summary>
public abstract class TransientKubernetesException : KubernetesOperationException
{
    protected TransientKubernetesException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override bool IsTransient => true;
}
