using CertFunctions.Testing.Kubernetes;
using k8s;
using k8s.Models;

namespace LocalHostBench;

/// <summary>
/// Routes the bare client's challenges through the emulator's front like the host's: an Ingress for
/// <c>*.bare.bench.test</c> sends <c>/.well-known/acme-challenge/</c> to a Service whose upstream is the bare client's listener.
/// </summary>
internal static class BareRoute
{
    /// <summary>The wildcard domain the bare client's names live under.</summary>
    public const string Domain = "bare.bench.test";

    /// <summary>Creates the namespace, Service and Ingress, and maps the Service to <paramref name="listenerPort"/>.</summary>
    public static async Task CreateAsync(KubeApiEmulatorFixture emulator, int listenerPort, CancellationToken cancellationToken)
    {
        const string ns = "bare-client";
        using var client = emulator.CreateKubernetesClient();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: cancellationToken);
        await client.CoreV1.CreateNamespacedServiceAsync(
            new V1Service
            {
                Metadata = new V1ObjectMeta { Name = "bare-responder" },
                Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }] },
            },
            ns,
            cancellationToken: cancellationToken);
        await client.NetworkingV1.CreateNamespacedIngressAsync(
            BenchIngresses.OneRule("bare-challenges", "*." + Domain, "/.well-known/acme-challenge/", "ImplementationSpecific", "bare-responder"),
            ns,
            cancellationToken: cancellationToken);
        await emulator.SetUpstreamAsync(ns, "bare-responder", new Uri($"http://127.0.0.1:{listenerPort}"), cancellationToken);
    }
}
