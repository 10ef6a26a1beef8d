using CertFunctions.Core.Kubernetes.Annotations;

namespace CertFunctions.Core.Kubernetes.Errors;

/// <summary>The target Secret exists and was not created by CertFunctions; the Ingress did not allow adopting it.</summary>
public sealed class SecretNotOwnedException : PermanentKubernetesException
{
    public SecretNotOwnedException(string @namespace, string secretName)
        : base($"Secret '{@namespace}/{secretName}' already exists and is not managed by CertFunctions (label {CertFunctionsLabels.ManagedBy}={CertFunctionsLabels.ManagedByValue} is missing), so it was left untouched. "
            + $"To let CertFunctions overwrite it, annotate the Ingress with {CertFunctionsAnnotations.AdoptSecret}: \"true\"; "
            + $"or choose another Secret with {CertFunctionsAnnotations.SecretName}.")
    {
        SecretName = secretName;
    }

    /// <summary>Name of the Secret that was not overwritten.</summary>
    public string SecretName { get; }
}
