using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Kubernetes.Routing;

/// <summary>A solver Ingress of ours found by a scan, exactly as it was seen (deleted only if it is still that object).</summary>
/// <param name="Certificate">The certificate whose challenge it routes.</param>
/// <param name="Name">The solver Ingress name.</param>
/// <param name="Uid">Its uid when seen; a solver created since by a new run has another.</param>
/// <param name="Tokens">The challenge tokens it routes.</param>
public sealed record LeftoverSolverIngress(CertificateRef Certificate, string Name, string Uid, IReadOnlyList<string> Tokens);
