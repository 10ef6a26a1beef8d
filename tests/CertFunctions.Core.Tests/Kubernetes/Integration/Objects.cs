using k8s;
using k8s.Models;

namespace CertFunctions.Core.Tests.Kubernetes.Integration;

/// <summary>Creates the user's objects in the emulator (as a person with kubectl would).</summary>
internal static class Objects
{
    public static async Task<V1Ingress> CreateIngressAsync(IKubernetes client, string ns, V1Ingress ingress)
    {
        ingress.Metadata.NamespaceProperty = ns;
        ingress.Metadata.ResourceVersion = null;
        return await client.NetworkingV1.CreateNamespacedIngressAsync(ingress, ns);
    }

    public static Task<V1Service> CreateClusterIpServiceAsync(IKubernetes client, string ns, string name, int port = 80) =>
        client.CoreV1.CreateNamespacedServiceAsync(
            new V1Service
            {
                Metadata = new V1ObjectMeta { Name = name },
                Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = port }] },
            },
            ns);

    public static Task<V1Ingress> ReadIngressAsync(IKubernetes client, string ns, string name) =>
        client.NetworkingV1.ReadNamespacedIngressAsync(name, ns);

    /// <summary>The spec as JSON, to compare "before" and "after" exactly.</summary>
    public static string SpecJson(V1Ingress ingress) => KubernetesJson.Serialize(ingress.Spec);
}
