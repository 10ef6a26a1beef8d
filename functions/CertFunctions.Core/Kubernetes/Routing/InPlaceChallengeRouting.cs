using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Patching;
using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Kubernetes.Routing;

/// <summary>Edits the user's Ingress in place: adds the token paths in front of each matching rule, and removes exactly those.</summary>
public sealed class InPlaceChallengeRouting(IKubernetesClientProvider clients, IOptions<ChallengeRoutingOptions> options, IOptions<KubernetesOptions> kubernetes, ILogger<InPlaceChallengeRouting> logger)
{
    private readonly IKubernetesClientProvider _clients = clients;
    private readonly ChallengeRoutingOptions _options = options.Value;
    private readonly KubernetesOptions _kubernetes = kubernetes.Value;
    private readonly ILogger<InPlaceChallengeRouting> _logger = logger;

    /// <summary>Adds the paths (idempotent) and returns every path presented for this request.</summary>
    public async Task<IReadOnlyList<PresentedPath>> PresentAsync(ChallengeRoutingRequest request, ResponderService responder, CancellationToken cancellationToken)
    {
        IReadOnlyList<PresentedPath> presented = [];
        await IngressUpdate.RunAsync(
            _clients.GetClient(request.Certificate.Cluster),
            request.Certificate,
            (ingress, patch) => presented = InPlaceRoutePlanner.PlanAdd(
                ingress, request.Hosts, request.Tokens, responder.Name, responder.Port, _options.PathType, patch),
            _kubernetes.ConflictRetries,
            _logger,
            cancellationToken).ConfigureAwait(false);
        return presented;
    }

    /// <summary>Removes exactly <paramref name="paths"/> from the Ingress (a missing Ingress has nothing left to remove).</summary>
    /// <param name="certificate">The Ingress.</param>
    /// <param name="paths">The paths to remove; null removes every tracked one.</param>
    /// <param name="onlyAtResourceVersion">When set, nothing is removed unless the Ingress is still at this resourceVersion.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public async Task<IReadOnlyList<PresentedPath>> RemoveAsync(
        CertificateRef certificate, IReadOnlyList<PresentedPath>? paths, CancellationToken cancellationToken, string? onlyAtResourceVersion = null)
    {
        var client = _clients.GetClient(certificate.Cluster);
        IReadOnlyList<PresentedPath> removed = [];
        var result = await GuardedUpdate.RunAsync(
            $"Ingress {certificate.Namespace}/{certificate.Ingress}",
            ct => IngressUpdate.ReadAsync(client, certificate, ct),
            (ingress, patch) =>
            {
                // A changed Ingress may carry a newer run's paths that look the same (a CA reuses pending authorizations): leave it.
                removed = onlyAtResourceVersion is not null && ingress.Metadata.ResourceVersion != onlyAtResourceVersion
                    ? []
                    : InPlaceRoutePlanner.PlanRemove(ingress, paths ?? InPlaceRoutePlanner.ReadTracked(ingress), patch);
                return Task.CompletedTask;
            },
            (patch, ct) => client.NetworkingV1.PatchNamespacedIngressAsync(patch, certificate.Ingress, certificate.Namespace, fieldManager: GitOps.FieldManagers.CertFunctions, cancellationToken: ct),
            _kubernetes.ConflictRetries,
            _logger,
            cancellationToken).ConfigureAwait(false);
        return result is null ? [] : removed;
    }

    /// <summary>The challenge paths tracked on the Ingress and its resourceVersion (none and null when the Ingress is gone).</summary>
    public async Task<(IReadOnlyList<PresentedPath> Paths, string? ResourceVersion)> ReadTrackedAsync(CertificateRef certificate, CancellationToken cancellationToken)
    {
        var ingress = await IngressUpdate.ReadAsync(_clients.GetClient(certificate.Cluster), certificate, cancellationToken).ConfigureAwait(false);
        return ingress is null ? ([], null) : (InPlaceRoutePlanner.ReadTracked(ingress), ingress.Metadata.ResourceVersion);
    }
}
