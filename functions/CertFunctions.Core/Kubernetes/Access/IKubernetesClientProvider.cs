using k8s;

namespace CertFunctions.Core.Kubernetes.Access;

/// <summary>Hands out an API client per configured cluster.</summary>
public interface IKubernetesClientProvider
{
    /// <summary>The client for <paramref name="cluster"/> (empty = <c>Kubernetes:DefaultCluster</c>); throws <see cref="Errors.UnknownClusterException"/> for an unknown name.</summary>
    /// <remarks>Throws <see cref="Errors.ClusterUnavailableException"/> when the cluster's access cannot be built now.</remarks>
    IKubernetes GetClient(string cluster);

    /// <summary>Whether each configured cluster's client can be built, and why not (tries the ones not built yet).</summary>
    IReadOnlyList<ClusterAccess> DescribeAll();
}
