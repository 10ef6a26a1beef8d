using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Kubernetes.Tls;

/// <summary>The outcome of attaching a Secret to an Ingress's spec.tls.</summary>
/// <param name="Certificate">The certificate (cluster, namespace, Ingress).</param>
/// <param name="SecretName">The Secret now listed for the hosts.</param>
/// <param name="Changed">False when spec.tls already said so (nothing written).</param>
public sealed record TlsBindingResult(CertificateRef Certificate, string SecretName, bool Changed);
