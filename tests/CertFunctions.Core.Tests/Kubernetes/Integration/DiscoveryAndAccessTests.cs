using System.Text;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Routing;
using CertFunctions.Core.Tests.Kubernetes.Support;
using CertFunctions.Testing.Kubernetes;
using k8s;
using k8s.Models;

namespace CertFunctions.Core.Tests.Kubernetes.Integration;

[Collection(KubeApiEmulatorCollection.Name)]
public sealed class DiscoveryAndAccessTests(KubeApiEmulatorFixture emulator)
{
    [Fact]
    public async Task Discovery_pages_through_all_namespaces_and_returns_only_opted_in_ingresses()
    {
        var first = await emulator.CreateNamespaceAsync("disc-a");
        var second = await emulator.CreateNamespaceAsync("disc-b");
        using var client = emulator.CreateKubernetesClient();
        await Objects.CreateIngressAsync(client, first, Ingresses.Create("legacy", annotations: new Dictionary<string, string> { ["kubernetes.io/tls-acme"] = "true" }, hosts: ["legacy.example.com"]));
        await Objects.CreateIngressAsync(client, second, Ingresses.Create("ours", annotations: new Dictionary<string, string> { ["certfunctions.io/enabled"] = "true", ["certfunctions.io/routing"] = "solver-ingress" }, hosts: ["ours.example.com"]));
        await Objects.CreateIngressAsync(client, second, Ingresses.Create("broken", annotations: new Dictionary<string, string> { ["certfunctions.io/enabled"] = "true", ["certfunctions.io/key-type"] = "dsa" }));
        await Objects.CreateIngressAsync(client, second, Ingresses.Create("optout", annotations: new Dictionary<string, string> { ["kubernetes.io/tls-acme"] = "true", ["certfunctions.io/enabled"] = "false" }));
        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            await Objects.CreateIngressAsync(client, first, Ingresses.Create($"plain-{i}", first)));
        using var host = KubernetesTestHost.Create(emulator);
        await emulator.ResetAuditAsync();

        var found = new List<DiscoveredIngress>();
        await foreach (var item in host.Get<IngressDiscovery>().ListAsync(KubernetesTestHost.Cluster, CancellationToken.None))
        {
            if (item.Certificate.Namespace == first || item.Certificate.Namespace == second)
            {
                found.Add(item);
            }
        }

        var lists = (await emulator.GetAuditAsync()).Where(e => e.Verb == "list" && e.Resource == "ingresses").ToList();
        Assert.True(lists.Count >= 3, $"expected at least 3 pages of 500, got {lists.Count}");
        Assert.Equal(["broken", "legacy", "ours"], found.Select(f => f.Certificate.Ingress).Order());
        var ours = Assert.Single(found, f => f.Certificate.Ingress == "ours");
        Assert.Equal(RoutingStrategy.SolverIngress, ours.Spec!.Routing);
        Assert.Equal(["ours.example.com"], ours.Spec.Hosts);
        Assert.Equal(new CertificateRef(KubernetesTestHost.Cluster, first, "legacy"), found.Single(f => f.Certificate.Ingress == "legacy").Spec!.Certificate);
        var broken = Assert.Single(found, f => f.Certificate.Ingress == "broken");
        Assert.Null(broken.Spec);
        Assert.Contains("certfunctions.io/key-type", broken.Problem);
    }

    [Fact]
    public async Task Reading_an_ingress_with_bad_annotations_fails_clearly_and_writes_nothing()
    {
        var ns = await emulator.CreateNamespaceAsync("badanno");
        using var client = emulator.CreateKubernetesClient();
        await Objects.CreateIngressAsync(client, ns, Ingresses.Create(annotations: new Dictionary<string, string> { ["certfunctions.io/routing"] = "teleport" }, hosts: ["*.example.com"]));
        using var host = KubernetesTestHost.Create(emulator);
        await emulator.ResetAuditAsync();

        var ex = await Assert.ThrowsAsync<InvalidIngressConfigurationException>(() =>
            host.Get<IngressCertificateReader>().ReadAsync(new CertificateRef(KubernetesTestHost.Cluster, ns, "web"), CancellationToken.None));
        var audit = await emulator.GetAuditAsync();

        Assert.Contains("certfunctions.io/routing: \"teleport\"", ex.Message);
        Assert.All(audit, e => Assert.Contains(e.Verb, new[] { "get", "list" }));
    }

    [Fact]
    public async Task Reading_a_missing_ingress_or_unknown_cluster_gives_typed_errors()
    {
        var ns = await emulator.CreateNamespaceAsync("missing");
        using var host = KubernetesTestHost.Create(emulator);
        var reader = host.Get<IngressCertificateReader>();

        var missing = await Assert.ThrowsAsync<IngressNotFoundException>(() => reader.ReadAsync(new CertificateRef(KubernetesTestHost.Cluster, ns, "nope"), CancellationToken.None));
        var unknown = await Assert.ThrowsAsync<UnknownClusterException>(() => reader.ReadAsync(new CertificateRef("staging", ns, "nope"), CancellationToken.None));

        Assert.Contains($"{ns}/nope", missing.Message);
        Assert.Contains("emu", unknown.Message);
    }

    [Fact]
    public async Task Inline_and_base64_kubeconfig_reach_the_same_cluster_as_the_file()
    {
        var ns = await emulator.CreateNamespaceAsync("access");
        using var client = emulator.CreateKubernetesClient();
        await Objects.CreateIngressAsync(client, ns, Ingresses.Create());
        var yaml = await File.ReadAllTextAsync(emulator.KubeconfigPath);
        using var host = KubernetesTestHost.Create(emulator, new Dictionary<string, string?>
        {
            ["Kubernetes:Clusters:inline:Kubeconfig"] = yaml,
            ["Kubernetes:Clusters:encoded:Kubeconfig"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(yaml)),
        });
        var clients = host.Get<IKubernetesClientProvider>();

        foreach (var cluster in new[] { "inline", "encoded", KubernetesTestHost.Cluster, string.Empty })
        {
            var ingress = await clients.GetClient(cluster).NetworkingV1.ReadNamespacedIngressAsync("web", ns);
            Assert.Equal("web", ingress.Metadata.Name);
        }

        var spec = await host.Get<IngressCertificateReader>().ReadAsync(new CertificateRef("encoded", ns, "web"), CancellationToken.None);
        Assert.Equal(["www.example.com"], spec.Hosts);
    }

    [Fact]
    public async Task A_wrong_token_is_a_permanent_error_that_names_the_credentials()
    {
        var yaml = (await File.ReadAllTextAsync(emulator.KubeconfigPath)).Replace(emulator.Token, "wrong-token", StringComparison.Ordinal);
        using var host = KubernetesTestHost.Create(emulator, new Dictionary<string, string?> { ["Kubernetes:Clusters:bad:Kubeconfig"] = yaml });

        var ex = await Assert.ThrowsAsync<KubernetesApiException>(() =>
            host.Get<IngressCertificateReader>().ReadAsync(new CertificateRef("bad", "default", "web"), CancellationToken.None));

        Assert.False(ex.IsTransient);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Contains("credentials", ex.Message);
    }
}
