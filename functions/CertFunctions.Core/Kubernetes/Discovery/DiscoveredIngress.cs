using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Kubernetes.Discovery;

/// <summary>An opted-in Ingress found by a scan: its spec, or why it cannot be served.</summary>
/// <param name="Certificate">The certificate (cluster, namespace, Ingress).</param>
/// <param name="Spec">The derived spec; null when <paramref name="Problem"/> is set.</param>
/// <param name="Problem">A message a user can act on (bad annotation, wildcard host, ...); null when fine.</param>
public sealed record DiscoveredIngress(CertificateRef Certificate, IngressCertificateSpec? Spec, string? Problem);
