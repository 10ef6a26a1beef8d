namespace CertFunctions.Core.Kubernetes.Access;

/// <summary>Whether the app can build its client for one configured cluster, and why not.</summary>
/// <param name="Cluster">The cluster's name under <c>Kubernetes:Clusters</c>.</param>
/// <param name="Problem">Null when the client was built; else what is wrong, naming the setting.</param>
public sealed record ClusterAccess(string Cluster, string? Problem)
{
    /// <summary>True when the client was built.</summary>
    public bool Available => Problem is null;
}
