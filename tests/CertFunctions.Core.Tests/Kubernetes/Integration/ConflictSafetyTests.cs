using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Routing;
using CertFunctions.Core.Kubernetes.Tls;
using CertFunctions.Core.Tests.Kubernetes.Support;
using CertFunctions.Testing.Kubernetes;
using k8s;
using k8s.Models;

namespace CertFunctions.Core.Tests.Kubernetes.Integration;

[Collection(KubeApiEmulatorCollection.Name)]
public sealed class ConflictSafetyTests(KubeApiEmulatorFixture emulator)
{
    [Fact]
    public async Task Another_writers_change_between_our_read_and_write_survives_our_patch_and_our_cleanup()
    {
        var ns = await emulator.CreateNamespaceAsync("conflict");
        using var client = emulator.CreateKubernetesClient();
        await Objects.CreateClusterIpServiceAsync(client, ns, "certfunctions-responder");
        await Objects.CreateIngressAsync(client, ns, Ingresses.Create(hosts: ["www.example.com"]));
        using var other = emulator.CreateKubernetesClient();
        var handler = new InterferingWriterHandler($"/namespaces/{ns}/ingresses/web", attempt => OtherWriterEditsAsync(other, ns, attempt));
        using var host = KubernetesTestHost.Create(emulator, handler: () => handler);
        var router = host.Get<ChallengeRouter>();
        var certificate = new CertificateRef(KubernetesTestHost.Cluster, ns, "web");

        var presented = await router.PresentAsync(new ChallengeRoutingRequest(certificate, ["www.example.com"], ["tok"], RoutingStrategy.InPlace), CancellationToken.None);
        var afterPresent = await Objects.ReadIngressAsync(client, ns, "web");

        Assert.Equal(2, handler.Patches);
        Assert.Equal(["/.well-known/acme-challenge/tok", "/", "/other-1"], afterPresent.Spec.Rules[0].Http.Paths.Select(p => p.Path));
        Assert.Equal("was-here", afterPresent.Metadata.Annotations["writer-1"]);

        var cleanupHandler = new InterferingWriterHandler($"/namespaces/{ns}/ingresses/web", _ => OtherWriterEditsAsync(other, ns, 2));
        using var cleanupHost = KubernetesTestHost.Create(emulator, handler: () => cleanupHandler);
        await cleanupHost.Get<ChallengeRouter>().RemoveAsync(presented, CancellationToken.None);
        var afterCleanup = await Objects.ReadIngressAsync(client, ns, "web");

        Assert.Equal(2, cleanupHandler.Patches);
        Assert.Equal(["/", "/other-1", "/other-2"], afterCleanup.Spec.Rules[0].Http.Paths.Select(p => p.Path));
        Assert.Equal("was-here", afterCleanup.Metadata.Annotations["writer-1"]);
        Assert.Equal("was-here", afterCleanup.Metadata.Annotations["writer-2"]);
        Assert.DoesNotContain("certfunctions.io/presented-paths", afterCleanup.Metadata.Annotations.Keys);
    }

    [Fact]
    public async Task A_concurrent_tls_edit_survives_attaching_our_secret()
    {
        var ns = await emulator.CreateNamespaceAsync("tlsconflict");
        using var client = emulator.CreateKubernetesClient();
        await Objects.CreateIngressAsync(client, ns, Ingresses.Create(hosts: ["www.example.com"]));
        using var other = emulator.CreateKubernetesClient();
        var handler = new InterferingWriterHandler($"/namespaces/{ns}/ingresses/web", _ =>
            other.NetworkingV1.PatchNamespacedIngressAsync(
                new V1Patch("""{"spec":{"tls":[{"hosts":["legacy.example.com"],"secretName":"legacy"}]}}""", V1Patch.PatchType.MergePatch),
                "web",
                ns));
        using var host = KubernetesTestHost.Create(emulator, handler: () => handler);

        var result = await host.Get<IngressTlsBinder>().AttachAsync(new CertificateRef(KubernetesTestHost.Cluster, ns, "web"), ["www.example.com"], "web-tls", CancellationToken.None);
        var after = await Objects.ReadIngressAsync(client, ns, "web");

        Assert.True(result.Changed);
        Assert.Equal(["legacy", "web-tls"], after.Spec.Tls.Select(t => t.SecretName));
    }

    [Fact]
    public async Task Losing_every_attempt_is_a_transient_conflict_and_writes_nothing_of_ours()
    {
        var ns = await emulator.CreateNamespaceAsync("busy");
        using var client = emulator.CreateKubernetesClient();
        await Objects.CreateIngressAsync(client, ns, Ingresses.Create(hosts: ["www.example.com"]));
        using var other = emulator.CreateKubernetesClient();
        var handler = new InterferingWriterHandler(
            $"/namespaces/{ns}/ingresses/web",
            attempt => other.NetworkingV1.PatchNamespacedIngressAsync(
                new V1Patch("{\"metadata\":{\"labels\":{\"busy\":\"" + attempt + "\"}}}", V1Patch.PatchType.MergePatch), "web", ns),
            times: int.MaxValue);
        using var host = KubernetesTestHost.Create(emulator, new Dictionary<string, string?> { ["Kubernetes:ConflictRetries"] = "3" }, () => handler);

        var ex = await Assert.ThrowsAsync<KubernetesConflictException>(() =>
            host.Get<IngressTlsBinder>().AttachAsync(new CertificateRef(KubernetesTestHost.Cluster, ns, "web"), ["www.example.com"], "web-tls", CancellationToken.None));
        var after = await Objects.ReadIngressAsync(client, ns, "web");

        Assert.True(ex.IsTransient);
        Assert.Equal(3, handler.Patches);
        Assert.Null(after.Spec.Tls);
        Assert.Equal("3", after.Metadata.Labels["busy"]);
    }

    /// <summary>Another controller edits the same Ingress: an annotation and a path of its own.</summary>
    private static async Task OtherWriterEditsAsync(IKubernetes other, string ns, int attempt)
    {
        var annotation = "{\"metadata\":{\"annotations\":{\"writer-" + attempt + "\":\"was-here\"}}}";
        await other.NetworkingV1.PatchNamespacedIngressAsync(new V1Patch(annotation, V1Patch.PatchType.MergePatch), "web", ns);
        var path = "[{\"op\":\"add\",\"path\":\"/spec/rules/0/http/paths/-\",\"value\":{\"path\":\"/other-" + attempt
            + "\",\"pathType\":\"Prefix\",\"backend\":{\"service\":{\"name\":\"other\",\"port\":{\"number\":80}}}}}]";
        await other.NetworkingV1.PatchNamespacedIngressAsync(new V1Patch(path, V1Patch.PatchType.JsonPatch), "web", ns);
    }
}
