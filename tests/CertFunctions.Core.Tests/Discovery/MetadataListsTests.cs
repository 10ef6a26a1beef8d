using System.Collections.Concurrent;
using CertFunctions.Core.Discovery;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Testing.Kubernetes;
using k8s;

namespace CertFunctions.Core.Tests.Discovery;

/// <summary>Discovery's list calls ask for metadata only, and the emulator answers them that way, as a real server does.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class MetadataListsTests(KubeApiEmulatorFixture emulator)
{
    [Fact]
    public async Task Ingress_and_secret_lists_ask_for_PartialObjectMetadataList_and_get_it()
    {
        var ns = await emulator.CreateNamespaceAsync("meta");
        using var seed = emulator.CreateKubernetesClient();
        var ingress = Kubernetes.Support.Ingresses.Create("web", ns, new Dictionary<string, string> { ["certfunctions.io/enabled"] = "true" }, ["web.meta.example.test"]);
        ingress.Metadata.ResourceVersion = null;
        await seed.NetworkingV1.CreateNamespacedIngressAsync(ingress, ns);
        var recorder = new RecordingHandler();
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(emulator.KubeconfigPath);
        using var client = new k8s.Kubernetes(configuration, recorder);
        var lists = new MetadataLists(new SingleClient(client));
        var requests = 0;

        var found = new List<ObjectMetadata>();
        await foreach (var item in lists.IngressesAsync("emu", () => requests++, CancellationToken.None))
        {
            found.Add(item);
        }

        await lists.ManagedSecretsAsync("emu", [ns], () => requests++, CancellationToken.None);

        var web = Assert.Single(found, i => i.Namespace == ns);
        Assert.True(web.OptedIn);
        Assert.Equal("1", web.Version);
        Assert.Equal(requests, recorder.Exchanges.Count);
        Assert.All(recorder.Exchanges, exchange =>
        {
            Assert.Contains("as=PartialObjectMetadataList", exchange.Accept, StringComparison.Ordinal);
            Assert.Contains("\"kind\":\"PartialObjectMetadataList\"", exchange.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("\"spec\"", exchange.Body, StringComparison.Ordinal);
        });
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
