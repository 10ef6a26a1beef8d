using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Errors;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Kubernetes.Patching;

/// <summary>Reads and conflict-safely patches the user's Ingress of a certificate.</summary>
internal static class IngressUpdate
{
    /// <summary>Reads the Ingress, or null when it does not exist.</summary>
    public static Task<V1Ingress?> ReadAsync(IKubernetes client, CertificateRef certificate, CancellationToken cancellationToken) =>
        KubernetesCall.RunOrNullAsync(
            () => client.NetworkingV1.ReadNamespacedIngressAsync(certificate.Ingress, certificate.Namespace, cancellationToken: cancellationToken),
            $"read Ingress {certificate.Namespace}/{certificate.Ingress}",
            cancellationToken);

    /// <summary>Applies <paramref name="change"/> with <see cref="GuardedUpdate"/>; throws <see cref="IngressNotFoundException"/> when the Ingress is missing.</summary>
    public static async Task<V1Ingress> RunAsync(
        IKubernetes client,
        CertificateRef certificate,
        Action<V1Ingress, JsonPatch> change,
        int maxAttempts,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var result = await GuardedUpdate.RunAsync(
            $"Ingress {certificate.Namespace}/{certificate.Ingress}",
            ct => ReadAsync(client, certificate, ct),
            (ingress, patch) =>
            {
                change(ingress, patch);
                return Task.CompletedTask;
            },
            (patch, ct) => client.NetworkingV1.PatchNamespacedIngressAsync(patch, certificate.Ingress, certificate.Namespace, fieldManager: GitOps.FieldManagers.CertFunctions, cancellationToken: ct),
            maxAttempts,
            logger,
            cancellationToken).ConfigureAwait(false);
        return result ?? throw new IngressNotFoundException(certificate);
    }
}
