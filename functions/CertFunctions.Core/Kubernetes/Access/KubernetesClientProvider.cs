using System.Collections.Concurrent;
using CertFunctions.Core.Kubernetes.Errors;
using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Kubernetes.Access;

/// <summary>Builds one API client per configured cluster on first use and keeps it.</summary>
/// <remarks>
/// A cluster whose access cannot be built (a Key Vault reference not resolved yet, a deleted secret, a broken
/// kubeconfig) is not a start-up error: it would stop the whole app, responder included, for every cluster. It is
/// reported instead (a log error, <see cref="DescribeAll"/> for the health endpoint, <see cref="ClusterUnavailableException"/>
/// for requests), and tried again on the next use, so it recovers once the setting is fixed.
/// </remarks>
public sealed partial class KubernetesClientProvider(
    IOptions<KubernetesOptions> options, IAzureTokenCredentialFactory credentials, ILogger<KubernetesClientProvider> logger)
    : IKubernetesClientProvider, IDisposable
{
    private readonly KubernetesOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, Lazy<IKubernetes>> _clients = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _reportedProblems = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public IKubernetes GetClient(string cluster)
    {
        var name = string.IsNullOrWhiteSpace(cluster) ? _options.ResolveDefaultCluster() : cluster;
        if (!_options.Clusters.TryGetValue(name, out var settings))
        {
            throw new UnknownClusterException(name, _options.Clusters.Keys);
        }

        var lazy = _clients.GetOrAdd(name, key => new Lazy<IKubernetes>(
            () => new k8s.Kubernetes(KubernetesClientConfigurationFactory.Build(key, settings, credentials), new Telemetry.KubernetesRequestMetricsHandler(key)),
            LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            var client = lazy.Value;
            if (_reportedProblems.TryRemove(name, out _))
            {
                LogRecovered(logger, name);
            }

            return client;
        }
        catch (KubernetesClusterConfigurationException ex)
        {
            // Not cached: the next use tries again, so a secret stored later is picked up.
            _clients.TryRemove(new KeyValuePair<string, Lazy<IKubernetes>>(name, lazy));
            if (!_reportedProblems.TryGetValue(name, out var reported) || reported != ex.Message)
            {
                _reportedProblems[name] = ex.Message;
                LogUnavailable(logger, name, ex.Message);
            }

            throw new ClusterUnavailableException(name, ex.Message, ex);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<ClusterAccess> DescribeAll()
    {
        var access = new List<ClusterAccess>();
        foreach (var cluster in _options.Clusters.Keys.Order(StringComparer.Ordinal))
        {
            try
            {
                _ = GetClient(cluster);
                access.Add(new ClusterAccess(cluster, null));
            }
            catch (ClusterUnavailableException ex)
            {
                access.Add(new ClusterAccess(cluster, ex.InnerException?.Message ?? ex.Message));
            }
        }

        return access;
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Cluster {Cluster} is unavailable; the other clusters and the responder keep working: {Problem}")]
    private static partial void LogUnavailable(ILogger logger, string cluster, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster {Cluster} is available again")]
    private static partial void LogRecovered(ILogger logger, string cluster);
}
