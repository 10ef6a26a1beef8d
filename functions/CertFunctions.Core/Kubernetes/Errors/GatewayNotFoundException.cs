using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Kubernetes.Errors;

/// <summary>The Gateway a certificate is for does not exist (any more).</summary>
public sealed class GatewayNotFoundException : PermanentKubernetesException
{
    /// <summary>Creates the exception for <paramref name="gateway"/>.</summary>
    public GatewayNotFoundException(CertificateRef gateway)
        : base($"Gateway '{gateway?.Namespace}/{gateway?.Name}' was not found in cluster '{gateway?.Cluster}'.")
    {
        Gateway = gateway!;
    }

    /// <summary>The certificate reference of the missing Gateway.</summary>
    public CertificateRef Gateway { get; }
}
