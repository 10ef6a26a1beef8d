namespace CertFunctions.Core.Kubernetes;

/// <summary>Cluster access settings, bound from the <c>Kubernetes</c> configuration section.</summary>
public sealed class KubernetesOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Kubernetes";

    /// <summary>The well-known application id of the AKS Microsoft Entra server (token audience).</summary>
    public const string AksServerApplicationId = "6dae42f8-4368-4678-94ff-3960e28e3630";

    /// <summary>The token scope for the AKS Microsoft Entra server.</summary>
    public const string AksServerScope = AksServerApplicationId + "/.default";

    /// <summary>Cluster used when a request names none (<c>Kubernetes:DefaultCluster</c>).</summary>
    public string DefaultCluster { get; set; } = "default";

    /// <summary>Named clusters (<c>Kubernetes:Clusters:&lt;name&gt;</c>).</summary>
    public Dictionary<string, KubernetesClusterOptions> Clusters { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many times a guarded write is retried after losing to a concurrent writer (<c>Kubernetes:ConflictRetries</c>).</summary>
    public int ConflictRetries { get; set; } = 5;

    /// <summary>The cluster used when none is named: <see cref="DefaultCluster"/>, or the only configured cluster when that is unset.</summary>
    public string ResolveDefaultCluster()
    {
        if (!string.IsNullOrWhiteSpace(DefaultCluster) && Clusters.ContainsKey(DefaultCluster))
        {
            return DefaultCluster;
        }

        if (Clusters.Count == 1 && (string.IsNullOrWhiteSpace(DefaultCluster) || DefaultCluster == "default"))
        {
            return Clusters.Keys.Single();
        }

        return string.IsNullOrWhiteSpace(DefaultCluster) ? "default" : DefaultCluster;
    }
}
