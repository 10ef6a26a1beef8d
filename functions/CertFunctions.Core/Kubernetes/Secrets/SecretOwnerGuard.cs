using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Gateways;
using k8s;
using k8s.Models;

namespace CertFunctions.Core.Kubernetes.Secrets;

/// <summary>
/// The ownership rule for a Secret that an Ingress and a Gateway (or two of either) both name: the object recorded as its
/// owner on the Secret keeps it while it exists, opts in and still names the Secret; any other gets a Warning and no
/// issuance. See docs/architecture.md ("One owner per Secret").
/// </summary>
public sealed class SecretOwnerGuard(IKubernetesClientProvider clients, IngressCertificateReader ingresses, GatewayCertificatesReader gateways)
{
    /// <summary>
    /// The other owner that keeps Secret <paramref name="secretNamespace"/>/<paramref name="secretName"/> from
    /// <paramref name="writer"/>, or null when <paramref name="writer"/> may write it (no Secret, not ours, its own, or
    /// its recorded owner no longer claims it).
    /// </summary>
    public async Task<SecretOwner?> OtherOwnerAsync(CertificateRef writer, string secretNamespace, string secretName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var client = clients.GetClient(writer.Cluster);
        var secret = await KubernetesCall.RunOrNullAsync(
            () => client.CoreV1.ReadNamespacedSecretAsync(secretName, secretNamespace, cancellationToken: cancellationToken),
            $"read Secret {secretNamespace}/{secretName}",
            cancellationToken).ConfigureAwait(false);
        return secret is null ? null : await OtherOwnerAsync(writer, secret, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The other owner that keeps <paramref name="secret"/> (as read) from <paramref name="writer"/>, or null.</summary>
    public async Task<SecretOwner?> OtherOwnerAsync(CertificateRef writer, V1Secret secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(secret);
        if (!CertFunctionsLabels.IsManagedByUs(secret.Metadata?.Labels))
        {
            return null;
        }

        var secretNamespace = secret.Metadata!.NamespaceProperty ?? writer.SecretNamespace;
        var owner = SecretOwner.Recorded(secretNamespace, secret.Metadata.Labels, secret.Metadata.Annotations);
        return owner is null || owner.Is(writer) || !await ClaimsAsync(writer.Cluster, owner, secretNamespace, secret.Metadata.Name, cancellationToken).ConfigureAwait(false)
            ? null
            : owner;
    }

    // The owner still claims the Secret when it exists, opts in and names it. A configuration error on the owner keeps
    // its claim (it is the owner's to fix); only a deleted, opted-out or re-pointed owner gives the Secret up.
    private async Task<bool> ClaimsAsync(string cluster, SecretOwner owner, string secretNamespace, string secretName, CancellationToken cancellationToken)
    {
        try
        {
            if (owner.Kind == CertificateObjectKind.Gateway)
            {
                var gateway = await gateways.ReadAsync(CertificateRef.ForGateway(cluster, owner.Namespace, owner.Name), cancellationToken).ConfigureAwait(false);
                return gateway.OptedIn && gateway.Certificates.Any(c =>
                    string.Equals(c.SecretNamespace, secretNamespace, StringComparison.Ordinal) && string.Equals(c.SecretName, secretName, StringComparison.Ordinal));
            }

            var ingress = await ingresses.ReadAsync(new CertificateRef(cluster, owner.Namespace, owner.Name), cancellationToken).ConfigureAwait(false);
            return ingress.OptedIn && string.Equals(owner.Namespace, secretNamespace, StringComparison.Ordinal) && string.Equals(ingress.SecretName, secretName, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IngressNotFoundException or GatewayNotFoundException)
        {
            return false;
        }
        catch (PermanentKubernetesException)
        {
            return true;
        }
    }
}
