namespace CertFunctions.Core.Kubernetes.Errors;

/// <summary>
/// A configured cluster's access cannot be built now (an unresolved Key Vault reference, a deleted secret, a broken
/// kubeconfig): requests for it fail while the other clusters and the responder keep working.
/// </summary>
public sealed class ClusterUnavailableException(string cluster, string problem, Exception? innerException = null)
    : PermanentKubernetesException($"Cluster '{cluster}' is unavailable: {problem}", innerException)
{
    /// <summary>The cluster's name.</summary>
    public string Cluster { get; } = cluster;
}
