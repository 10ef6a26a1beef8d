using k8s;
using k8s.Models;

namespace LocalHostBench;

/// <summary>Creates opted-in Ingresses (one host each) and reads back the Secrets the host wrote.</summary>
internal static class BenchIngresses
{
    /// <summary>Creates namespace <paramref name="ns"/> with a backend Service "web".</summary>
    public static async Task CreateNamespaceAsync(IKubernetes client, string ns, CancellationToken cancellationToken)
    {
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: cancellationToken);
        await client.CoreV1.CreateNamespacedServiceAsync(
            new V1Service { Metadata = new V1ObjectMeta { Name = "web" }, Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }] } },
            ns,
            cancellationToken: cancellationToken);
    }

    /// <summary>Creates Ingress <paramref name="name"/> for <paramref name="host"/>, opted in.</summary>
    public static Task CreateAsync(IKubernetes client, string ns, string name, string host, CancellationToken cancellationToken) =>
        client.NetworkingV1.CreateNamespacedIngressAsync(
            OneRule(name, host, "/", "Prefix", "web", new Dictionary<string, string> { ["certfunctions.io/enabled"] = "true" }),
            ns,
            cancellationToken: cancellationToken);

    /// <summary>An nginx-class Ingress with one rule: <paramref name="host"/> and <paramref name="path"/> to port 80 of <paramref name="service"/>.</summary>
    public static V1Ingress OneRule(string name, string host, string path, string pathType, string service, IDictionary<string, string>? annotations = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Annotations = annotations },
        Spec = new V1IngressSpec
        {
            IngressClassName = "nginx",
            Rules =
            [
                new V1IngressRule
                {
                    Host = host,
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths =
                        [
                            new V1HTTPIngressPath
                            {
                                Path = path,
                                PathType = pathType,
                                Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = service, Port = new V1ServiceBackendPort { Number = 80 } } },
                            },
                        ],
                    },
                },
            ],
        },
    };

    /// <summary>Names of the kubernetes.io/tls Secrets in <paramref name="ns"/> managed by CertFunctions that hold a tls.crt.</summary>
    public static async Task<IReadOnlyList<string>> ManagedSecretsAsync(IKubernetes client, string ns, CancellationToken cancellationToken)
    {
        var list = await client.CoreV1.ListNamespacedSecretAsync(ns, labelSelector: "app.kubernetes.io/managed-by=certfunctions", cancellationToken: cancellationToken);
        return [.. list.Items.Where(s => s.Type == "kubernetes.io/tls" && s.Data?.ContainsKey("tls.crt") == true).Select(s => s.Metadata.Name)];
    }
}
