using CertFunctions.Core.Kubernetes;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Testing.Kubernetes;
using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Core.Tests.Kubernetes.Integration;

/// <summary>The product's Kubernetes services wired by <c>AddCertFunctionsKubernetes</c> against the emulator.</summary>
internal sealed class KubernetesTestHost : IDisposable
{
    public const string Cluster = "emu";

    private readonly ServiceProvider _services;

    private KubernetesTestHost(ServiceProvider services) => _services = services;

    public static KubernetesTestHost Create(
        KubeApiEmulatorFixture emulator,
        IDictionary<string, string?>? settings = null,
        Func<DelegatingHandler>? handler = null,
        Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Kubernetes:DefaultCluster"] = Cluster,
            [$"Kubernetes:Clusters:{Cluster}:KubeconfigPath"] = emulator.KubeconfigPath,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCertFunctionsKubernetes(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        if (handler is not null)
        {
            services.AddSingleton<IKubernetesClientProvider>(new HandlerClientProvider(emulator.KubeconfigPath, handler));
        }

        configure?.Invoke(services);
        return new KubernetesTestHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }));
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public void Dispose() => _services.Dispose();

    /// <summary>Builds the client from the emulator's kubeconfig with a test handler in the pipeline.</summary>
    private sealed class HandlerClientProvider(string kubeconfigPath, Func<DelegatingHandler> handler) : IKubernetesClientProvider, IDisposable
    {
        private readonly Lazy<IKubernetes> _client = new(() =>
            new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath), handler()));

        public IKubernetes GetClient(string cluster) => _client.Value;

        public IReadOnlyList<ClusterAccess> DescribeAll() => [new ClusterAccess("test", null)];

        public void Dispose()
        {
            if (_client.IsValueCreated)
            {
                _client.Value.Dispose();
            }
        }
    }
}
