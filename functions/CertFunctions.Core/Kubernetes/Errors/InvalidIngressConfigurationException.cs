namespace CertFunctions.Core.Kubernetes.Errors;

/// <summary>The Ingress (hosts, annotations, tls entries) cannot be served as asked; nothing was written.</summary>
public sealed class InvalidIngressConfigurationException : PermanentKubernetesException
{
    public InvalidIngressConfigurationException(string message)
        : base(message)
    {
    }
}
