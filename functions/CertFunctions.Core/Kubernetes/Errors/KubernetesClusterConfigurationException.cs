namespace CertFunctions.Core.Kubernetes.Errors;

/// <summary>A cluster's settings cannot produce a working client; the message names the setting.</summary>
public sealed class KubernetesClusterConfigurationException : PermanentKubernetesException
{
    public KubernetesClusterConfigurationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
