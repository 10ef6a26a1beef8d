using System.Security.Cryptography;
using System.Text;

namespace CertFunctions.Core.Certificates;

/// <summary>Identifies a managed certificate: the Ingress (cluster, namespace, name) it serves.</summary>
/// <param name="Cluster">Configured cluster name (see <c>Kubernetes:Clusters</c>).</param>
/// <param name="Namespace">Namespace of the Ingress.</param>
/// <param name="Ingress">Name of the Ingress.</param>
public sealed record CertificateRef(string Cluster, string Namespace, string Ingress)
{
    /// <summary>The orchestration instance id for this certificate: one run per Ingress at a time.</summary>
    /// <remarks>
    /// Readable for people (cluster/namespace/name are DNS-1123 labels, so '_' cannot clash), and
    /// suffixed with a short hash so ids stay unique even if a name contains characters we normalise.
    /// </remarks>
    public string InstanceId
    {
        get
        {
            var key = $"{Cluster}/{Namespace}/{Ingress}";
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..8];
            return $"cert_{Cluster}_{Namespace}_{Ingress}_{hash}";
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Cluster}/{Namespace}/{Ingress}";
}
