using k8s;

namespace CertFunctions.Core.Kubernetes.Access;

/// <summary>Hands out an API client per configured cluster.</summary>
public interface IKubernetesClientProvider
{
    /// <summary>The client for <paramref name="cluster"/> (empty = <c>Kubernetes:DefaultCluster</c>); throws <see cref="Errors.UnknownClusterException"/> for an unknown name.</summary>
    IKubernetes GetClient(string cluster);
}
