using Azure.Core;
using Azure.Identity;

namespace CertFunctions.Core.Kubernetes.Access;

/// <summary>Uses the Function App's managed identity (system-assigned, or user-assigned by client id).</summary>
public sealed class ManagedIdentityCredentialFactory : IAzureTokenCredentialFactory
{
    /// <inheritdoc />
    public TokenCredential Create(string cluster, KubernetesClusterOptions settings) =>
        string.IsNullOrWhiteSpace(settings.ManagedIdentityClientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(settings.ManagedIdentityClientId.Trim()));
}
