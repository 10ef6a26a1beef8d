namespace CertFunctions.Core.Kubernetes.Errors;

/// <summary>Another writer kept changing the object: our guarded write lost every attempt.</summary>
public sealed class KubernetesConflictException : TransientKubernetesException
{
    public KubernetesConflictException(string objectDescription, int attempts)
        : base($"{objectDescription} kept changing while CertFunctions tried to update it ({attempts} attempts lost to concurrent writers); try again later.")
    {
    }
}
