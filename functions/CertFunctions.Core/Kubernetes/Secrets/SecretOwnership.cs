using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Annotations;

namespace CertFunctions.Core.Kubernetes.Secrets;

/// <summary>
/// One Ingress owns a Secret. Two opted-in Ingresses naming the same Secret would otherwise each issue into it and
/// replace the other's certificate on every scan when their names differ (spending the CA's duplicate-certificate
/// limit), or both renew it when they are the same. The owner is the Ingress whose issuance wrote it; the other uses
/// the Secret as it is while the owner opts in.
/// </summary>
public static class SecretOwnership
{
    /// <summary>
    /// The label of the other Ingress that owns <paramref name="deployed"/>'s Secret and still opts in, or null when
    /// <paramref name="certificate"/> may write it (no Secret, not ours, ours for this Ingress, or its owner is gone).
    /// </summary>
    /// <param name="certificate">The Ingress that would write the Secret.</param>
    /// <param name="deployed">The certificate in the Secret, if any.</param>
    /// <param name="isOptedIn">Whether an Ingress of the same namespace, given by its label value, opts in.</param>
    public static string? OtherOwner(CertificateRef certificate, DeployedCertificate? deployed, Func<string, bool> isOptedIn)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(isOptedIn);
        return deployed is { ManagedByUs: true, OwnerLabel: { } owner }
            && !string.Equals(owner, LabelValue.ForName(certificate.Ingress), StringComparison.Ordinal)
            && isOptedIn(owner)
                ? owner
                : null;
    }
}
