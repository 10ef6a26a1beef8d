namespace CertFunctions.Core.Kubernetes.Errors;

/// <summary>The certificate chain or private key handed to the Secret writer is unusable; nothing was written.</summary>
public sealed class InvalidCertificateMaterialException : PermanentKubernetesException
{
    public InvalidCertificateMaterialException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
