using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Kubernetes.Routing.HttpRoutes;

/// <summary>A solver HTTPRoute of ours found by a scan, exactly as it was seen (deleted only if it is still that object).</summary>
/// <param name="Gateway">The Gateway whose challenges it routes (the whole Gateway: one solver route per Gateway).</param>
/// <param name="Name">The route's name.</param>
/// <param name="Uid">Its uid when seen; a route created since by a new run has another.</param>
/// <param name="Tokens">The challenge tokens it routes.</param>
public sealed record LeftoverSolverRoute(CertificateRef Gateway, string Name, string Uid, IReadOnlyList<string> Tokens);
