using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Kubernetes.Routing;

/// <summary>Challenge routing found in a cluster for one certificate: in-place paths on its Ingress and solver Ingresses.</summary>
/// <param name="Certificate">The certificate (cluster, namespace, Ingress).</param>
/// <param name="Paths">Challenge paths tracked on the Ingress.</param>
/// <param name="SolverIngresses">Solver Ingresses labelled for it.</param>
public sealed record ChallengeLeftover(CertificateRef Certificate, IReadOnlyList<PresentedPath> Paths, IReadOnlyList<LeftoverSolverIngress> SolverIngresses)
{
    /// <summary>The Ingress's resourceVersion when <see cref="Paths"/> were seen; the paths are removed only while it is unchanged.</summary>
    public string? IngressResourceVersion { get; init; }

    /// <summary>The challenge tokens these routes serve (the blobs to delete with them).</summary>
    public IReadOnlyList<string> Tokens =>
    [
        .. Paths.Select(p => ChallengePaths.TokenOf(p.Path)).OfType<string>()
            .Concat(SolverIngresses.SelectMany(s => s.Tokens))
            .Distinct(StringComparer.Ordinal),
    ];
}
