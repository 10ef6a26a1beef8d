using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Kubernetes;

/// <summary>Validates the cluster list at start-up (not each cluster's access); every message names the setting to fix.</summary>
public sealed class KubernetesOptionsValidator : IValidateOptions<KubernetesOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, KubernetesOptions options)
    {
        var errors = new List<string>();
        var defaultCluster = options.ResolveDefaultCluster();
        if (options.Clusters.Count > 0 && !options.Clusters.ContainsKey(defaultCluster))
        {
            errors.Add($"Kubernetes:DefaultCluster is '{options.DefaultCluster}' but there is no Kubernetes:Clusters:{defaultCluster} (configured: {string.Join(", ", options.Clusters.Keys)}); set Kubernetes:DefaultCluster to one of them.");
        }

        if (options.ConflictRetries is < 1 or > 50)
        {
            errors.Add("Kubernetes:ConflictRetries must be between 1 and 50.");
        }

        // Each cluster's access is not checked here: a Key Vault reference not resolved yet or a deleted secret would stop
        // the whole app, responder and other clusters included. KubernetesClientProvider reports such a cluster instead.
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
