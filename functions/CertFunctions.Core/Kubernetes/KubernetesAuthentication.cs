namespace CertFunctions.Core.Kubernetes;

/// <summary>How CertFunctions authenticates to one cluster.</summary>
public enum KubernetesAuthentication
{
    /// <summary>A kubeconfig (inline YAML, base64, or a file path).</summary>
    Kubeconfig,

    /// <summary>The pod's service account (only when running inside the cluster).</summary>
    InCluster,

    /// <summary>AKS with Microsoft Entra ID: a managed identity token for the AKS server audience.</summary>
    AzureAd,
}
