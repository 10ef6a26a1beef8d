using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Kubernetes.Routing;

/// <summary>What a leftover cleanup removed.</summary>
/// <param name="Certificate">The certificate cleaned up.</param>
/// <param name="RemovedPaths">In-place challenge paths removed from the user's Ingress.</param>
/// <param name="RemovedSolverIngresses">Solver Ingresses deleted.</param>
public sealed record LeftoverCleanup(CertificateRef Certificate, int RemovedPaths, int RemovedSolverIngresses);
