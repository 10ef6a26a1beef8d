namespace CertFunctions.Core.Kubernetes.Errors;

/// <summary>The challenge responder Service the routes point to does not exist and is not ours to create.</summary>
public sealed class ResponderServiceMissingException : PermanentKubernetesException
{
    public ResponderServiceMissingException(string @namespace, string serviceName)
        : base($"Service '{@namespace}/{serviceName}' (Challenge:ResponderServiceName) does not exist. Deploy the challenge responder Service in namespace '{@namespace}', "
            + "or set Challenge:ResponderExternalName to the Function App host so CertFunctions creates an ExternalName Service itself.")
    {
    }
}
