using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Kubernetes.Errors;

/// <summary>The Ingress a certificate is for does not exist (any more).</summary>
public sealed class IngressNotFoundException : PermanentKubernetesException
{
    public IngressNotFoundException(CertificateRef certificate)
        : base($"Ingress '{certificate.Namespace}/{certificate.Ingress}' was not found in cluster '{certificate.Cluster}'.")
    {
        Certificate = certificate;
    }

    /// <summary>The certificate whose Ingress is missing.</summary>
    public CertificateRef Certificate { get; }
}
