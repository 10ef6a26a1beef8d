using System.Collections.Concurrent;
using CertFunctions.Core.Kubernetes.Errors;
using k8s;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Kubernetes.Access;

/// <summary>Builds one API client per configured cluster on first use and keeps it.</summary>
public sealed class KubernetesClientProvider : IKubernetesClientProvider, IDisposable
{
    private readonly KubernetesOptions _options;
    private readonly IAzureTokenCredentialFactory _credentials;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Lazy<IKubernetes>> _clients = new(StringComparer.OrdinalIgnoreCase);

    public KubernetesClientProvider(IOptions<KubernetesOptions> options, IAzureTokenCredentialFactory credentials, TimeProvider time)
    {
        _options = options.Value;
        _credentials = credentials;
        _time = time;
    }

    /// <inheritdoc />
    public IKubernetes GetClient(string cluster)
    {
        var name = string.IsNullOrWhiteSpace(cluster) ? _options.ResolveDefaultCluster() : cluster;
        if (!_options.Clusters.TryGetValue(name, out var settings))
        {
            throw new UnknownClusterException(name, _options.Clusters.Keys);
        }

        var lazy = _clients.GetOrAdd(name, key => new Lazy<IKubernetes>(
            () => new k8s.Kubernetes(KubernetesClientConfigurationFactory.Build(key, settings, _credentials, _time)),
            LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch (KubernetesClusterConfigurationException)
        {
            _clients.TryRemove(new KeyValuePair<string, Lazy<IKubernetes>>(name, lazy));
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var lazy in _clients.Values)
        {
            if (lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
        }

        _clients.Clear();
    }
}
