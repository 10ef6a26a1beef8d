using Azure.Core;

namespace CertFunctions.Core.Kubernetes.Access;

/// <summary>Creates the Microsoft Entra credential used for an AzureAd cluster.</summary>
public interface IAzureTokenCredentialFactory
{
    /// <summary>A credential for the cluster's managed identity (user-assigned when a client id is given).</summary>
    TokenCredential Create(string cluster, KubernetesClusterOptions settings);
}
