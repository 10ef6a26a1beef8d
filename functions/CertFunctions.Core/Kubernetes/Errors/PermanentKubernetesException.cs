namespace CertFunctions.Core.Kubernetes.Errors;

/// <summary>An error that retrying will not fix: the message says what a person has to change.</summary>
public abstract class PermanentKubernetesException : KubernetesOperationException
{
    protected PermanentKubernetesException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <inheritdoc />
    public override bool IsTransient => false;
}
