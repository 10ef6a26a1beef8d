using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Errors;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Kubernetes;

/// <summary>Validates cluster settings at start-up; every message names the setting to fix.</summary>
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

        foreach (var (cluster, settings) in options.Clusters)
        {
            try
            {
                KubernetesClientConfigurationFactory.Validate(cluster, settings);
            }
            catch (KubernetesClusterConfigurationException ex)
            {
                errors.Add(ex.Message);
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
