using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Routing;

namespace CertFunctions.Core.Kubernetes.Discovery;

/// <summary>An Ingress found by a scan: opted in (its spec, or why it cannot be served), or carrying challenge paths an issuance left.</summary>
/// <param name="Certificate">The certificate (cluster, namespace, Ingress).</param>
/// <param name="Spec">The derived spec; null when <paramref name="Problem"/> is set or the Ingress is not opted in.</param>
/// <param name="Problem">A message a user can act on (bad annotation, wildcard host, ...); null when fine.</param>
public sealed record DiscoveredIngress(CertificateRef Certificate, IngressCertificateSpec? Spec, string? Problem)
{
    /// <summary>False for an Ingress listed only because it still carries challenge paths (it stopped opting in mid-issuance).</summary>
    public bool OptedIn { get; init; } = true;

    /// <summary>Challenge paths an issuance added to this Ingress and has not removed yet (normally none).</summary>
    public IReadOnlyList<PresentedPath> ChallengePaths { get; init; } = [];

    /// <summary>The Ingress's resourceVersion when listed, so a removal of <see cref="ChallengePaths"/> can require it unchanged.</summary>
    public string? ResourceVersion { get; init; }
}
