using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Kubernetes.Routing;

/// <summary>Exactly what presenting a challenge added to the cluster, so that removal takes away exactly that.</summary>
/// <param name="Certificate">The certificate (cluster, namespace, Ingress).</param>
/// <param name="Strategy">The strategy used.</param>
/// <param name="Paths">In place: the paths added to the user's Ingress; solver: the paths of the solver Ingress.</param>
/// <param name="SolverIngressName">Solver strategy: the Ingress we created; null in place.</param>
/// <param name="ResponderServiceName">The Service the paths point to.</param>
/// <param name="ResponderServiceCreated">True when this call created the (shared, kept) ExternalName responder Service.</param>
/// <param name="HttpRoute">Gateways: the solver HTTPRoute we created; null for an Ingress.</param>
public sealed record PresentedChallenge(
    CertificateRef Certificate,
    RoutingStrategy Strategy,
    IReadOnlyList<PresentedPath> Paths,
    string? SolverIngressName,
    string ResponderServiceName,
    bool ResponderServiceCreated,
    HttpRoutes.PresentedHttpRoute? HttpRoute = null);
