namespace CertFunctions.Core.Kubernetes.Errors;

/// <summary>A certificate names a cluster that is not configured under <c>Kubernetes:Clusters</c>.</summary>
public sealed class UnknownClusterException : PermanentKubernetesException
{
    public UnknownClusterException(string cluster, IEnumerable<string> knownClusters)
        : base(BuildMessage(cluster, knownClusters))
    {
        Cluster = cluster;
    }

    /// <summary>The cluster name that was asked for.</summary>
    public string Cluster { get; }

    private static string BuildMessage(string cluster, IEnumerable<string> knownClusters)
    {
        var known = string.Join(", ", knownClusters.Order(StringComparer.Ordinal));
        return known.Length == 0
            ? $"Cluster '{cluster}' is not configured: no cluster is configured at all. Add Kubernetes:Clusters:{cluster}:Kubeconfig (or :KubeconfigPath, or :Authentication = InCluster | AzureAd)."
            : $"Cluster '{cluster}' is not configured. Configured clusters: {known}. Add Kubernetes:Clusters:{cluster}:... or use one of those names.";
    }
}
