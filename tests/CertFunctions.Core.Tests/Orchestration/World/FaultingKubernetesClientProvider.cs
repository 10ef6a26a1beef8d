using CertFunctions.Core.Kubernetes.Access;
using k8s;

namespace CertFunctions.Core.Tests.Orchestration.World;

/// <summary>The product's client for the emulator, with <see cref="KubernetesFaultHandler"/> in its pipeline.</summary>
internal sealed class FaultingKubernetesClientProvider(string kubeconfigPath, KubernetesFaultHandler faults) : IKubernetesClientProvider, IDisposable
{
    private readonly IKubernetes _client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath), faults);

    public IKubernetes GetClient(string cluster) => _client;

    public IReadOnlyList<ClusterAccess> DescribeAll() => [];

    public void Dispose() => _client.Dispose();
}
