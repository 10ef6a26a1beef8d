using CertFunctions.Core.Kubernetes.Secrets;

namespace CertFunctions.Core.Kubernetes.Errors;

/// <summary>The Secret is CertFunctions's, but recorded as owned by another Ingress or Gateway that still claims it; it was left untouched.</summary>
public sealed class SecretOwnedByOtherException : PermanentKubernetesException
{
    public SecretOwnedByOtherException(string @namespace, string secretName, SecretOwner owner)
        : base(MessageFor(@namespace, secretName, owner))
    {
        Owner = owner;
    }

    /// <summary>The owner that keeps the Secret.</summary>
    public SecretOwner Owner { get; }

    /// <summary>The message naming the owner and what to do.</summary>
    public static string MessageFor(string @namespace, string secretName, SecretOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return $"Secret {@namespace}/{secretName} is owned by {owner}, which opts in and names it; it was left untouched and nothing was issued for it. " +
            $"Give this object its own Secret, or remove the Secret from {owner} (or opt it out) to hand it over.";
    }
}
