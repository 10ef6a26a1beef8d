using System.Collections.Concurrent;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Listing;
using CertFunctions.Testing.Kubernetes;
using k8s;

namespace CertFunctions.Core.Tests.Kubernetes.Integration;

/// <summary>The one listing: metadata lists ask for PartialObjectMetadataList and get it, for every kind; full lists get whole objects.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class ObjectListsTests(KubeApiEmulatorFixture emulator)
{
    [Fact]
    public async Task Ingress_gateway_and_secret_metadata_lists_ask_for_PartialObjectMetadataList_and_get_it()
    {
        var ns = await emulator.CreateNamespaceAsync("meta");
        using var seed = emulator.CreateKubernetesClient();
        var ingress = Kubernetes.Support.Ingresses.Create("web", ns, new Dictionary<string, string> { ["certfunctions.io/enabled"] = "true" }, ["web.meta.example.test"]);
        ingress.Metadata.ResourceVersion = null;
        await seed.NetworkingV1.CreateNamespacedIngressAsync(ingress, ns);
        var recorder = new RecordingHandler();
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(emulator.KubeconfigPath);
        using var client = new k8s.Kubernetes(configuration, recorder);
        await seed.CustomObjects.CreateNamespacedCustomObjectAsync(
            System.Text.Json.JsonDocument.Parse($$$"""{"apiVersion":"gateway.networking.k8s.io/v1","kind":"Gateway","metadata":{"name":"gw","namespace":"{{{ns}}}","annotations":{"certfunctions.io/enabled":"true"}},"spec":{"gatewayClassName":"emu","listeners":[{"name":"http","protocol":"HTTP","port":80}]}}""").RootElement,
            "gateway.networking.k8s.io", "v1", ns, "gateways");
        var lists = new ObjectLists(new SingleClient(client));
        var requests = 0;

        var found = new List<ObjectMetadata>();
        await foreach (var item in lists.MetadataAsync("emu", ListedKind.Ingresses, null, () => requests++, CancellationToken.None))
        {
            found.Add(item);
        }

        var gateways = new List<ObjectMetadata>();
        await foreach (var item in lists.MetadataAsync("emu", ListedKind.Gateways, null, () => requests++, CancellationToken.None))
        {
            gateways.Add(item);
        }

        await lists.MetadataInNamespacesAsync("emu", ListedKind.Secrets, CertFunctionsLabels.ManagedSelector, [ns], () => requests++, CancellationToken.None);

        var web = Assert.Single(found, i => i.Namespace == ns);
        Assert.True(web.OptedIn);
        Assert.Equal("1", web.Version);
        var gw = Assert.Single(gateways, g => g.Namespace == ns);
        Assert.Equal(("Gateway", "gw", true, "1"), (gw.Kind, gw.Name, gw.OptedIn, gw.Version));
        Assert.False(string.IsNullOrEmpty(gw.Uid));
        Assert.Equal(requests, recorder.Exchanges.Count);
        Assert.All(recorder.Exchanges, exchange =>
        {
            Assert.Contains("as=PartialObjectMetadataList", exchange.Accept, StringComparison.Ordinal);
            Assert.Contains("\"kind\":\"PartialObjectMetadataList\"", exchange.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("\"spec\"", exchange.Body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_full_gateway_list_pages_through_more_than_one_page_and_keeps_the_spec()
    {
        var ns = await emulator.CreateNamespaceAsync("pages");
        using var seed = emulator.CreateKubernetesClient();
        var count = ObjectLists.PageSize + 3;
        for (var i = 0; i < count; i++)
        {
            await seed.CustomObjects.CreateNamespacedCustomObjectAsync(
                System.Text.Json.JsonDocument.Parse($$$"""{"apiVersion":"gateway.networking.k8s.io/v1","kind":"Gateway","metadata":{"name":"gw-{{{i}}}","namespace":"{{{ns}}}"},"spec":{"gatewayClassName":"emu","listeners":[{"name":"http","protocol":"HTTP","port":80}]}}""").RootElement,
                "gateway.networking.k8s.io", "v1", ns, "gateways");
        }

        var lists = new ObjectLists(new SingleClient(seed));
        var requests = 0;
        var listed = new List<ListedObject>();
        await foreach (var item in lists.ListAsync("emu", ListedKind.Gateways, ListShape.Full, ns, null, () => requests++, CancellationToken.None))
        {
            listed.Add(item);
        }

        Assert.Equal(count, listed.Count);
        Assert.Equal(2, requests);
        Assert.All(listed, item => Assert.Equal("emu", ((System.Text.Json.Nodes.JsonObject)item.Body)["spec"]!["gatewayClassName"]!.GetValue<string>()));
        Assert.Equal(count, listed.Select(i => i.Metadata.Name).Distinct().Count());
    }

    private sealed class SingleClient(IKubernetes client) : IKubernetesClientProvider
    {
        public IKubernetes GetClient(string cluster) => client;

        public IReadOnlyList<ClusterAccess> DescribeAll() => [];
    }

    private sealed class RecordingHandler : DelegatingHandler
    {
        public ConcurrentQueue<(string Accept, string Body)> Exchanges { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            Exchanges.Enqueue((string.Join(",", request.Headers.Accept.Select(a => a.ToString())), body));
            var copy = new StringContent(body, System.Text.Encoding.UTF8);
            copy.Headers.ContentType = response.Content.Headers.ContentType;
            response.Content = copy;
            return response;
        }
    }
}
