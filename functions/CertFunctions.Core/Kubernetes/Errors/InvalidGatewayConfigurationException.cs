namespace CertFunctions.Core.Kubernetes.Errors;

/// <summary>The Gateway (listeners, annotations) cannot be served as asked; nothing was written and the CA was not asked.</summary>
public sealed class InvalidGatewayConfigurationException : PermanentKubernetesException
{
    /// <summary>Creates the exception with a message that says what to fix.</summary>
    public InvalidGatewayConfigurationException(string message)
        : base(message)
    {
    }
}
