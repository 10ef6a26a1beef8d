namespace CertFunctions.Core.Kubernetes;

/// <summary>Settings of one cluster, bound from <c>Kubernetes:Clusters:&lt;name&gt;</c>.</summary>
public sealed class KubernetesClusterOptions
{
    /// <summary>How to authenticate; when unset, Kubeconfig if a kubeconfig is given.</summary>
    public KubernetesAuthentication? Authentication { get; set; }

    /// <summary>Inline kubeconfig, as YAML or base64-encoded YAML.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>Path of a kubeconfig file.</summary>
    public string? KubeconfigPath { get; set; }

    /// <summary>Context to use from the kubeconfig (default: its current-context).</summary>
    public string? Context { get; set; }

    /// <summary>AzureAd: the API server URL, e.g. https://my-aks-dns.hcp.westeurope.azmk8s.io:443.</summary>
    public string? Server { get; set; }

    /// <summary>AzureAd: base64 of the cluster CA certificate (PEM or DER), as in a kubeconfig; empty = system trust.</summary>
    public string? CertificateAuthorityData { get; set; }

    /// <summary>AzureAd: client id of a user-assigned managed identity; empty = system-assigned identity.</summary>
    public string? ManagedIdentityClientId { get; set; }
}
