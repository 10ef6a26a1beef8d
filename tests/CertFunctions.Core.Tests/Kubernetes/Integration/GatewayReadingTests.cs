using System.Text.Json.Nodes;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Gateways;
using CertFunctions.Core.Tests.Kubernetes.Support;
using CertFunctions.Testing.Kubernetes;
using k8s;

namespace CertFunctions.Core.Tests.Kubernetes.Integration;

[Collection(KubeApiEmulatorCollection.Name)]
public sealed class GatewayReadingTests(KubeApiEmulatorFixture emulator)
{
    [Fact]
    public async Task A_gateway_is_read_with_its_reference_grants_and_each_listener_without_a_certificate_gets_a_warning_event_on_the_gateway()
    {
        var ns = await emulator.CreateNamespaceAsync("gwread");
        var certs = await emulator.CreateNamespaceAsync("gwcerts");
        using var client = emulator.CreateKubernetesClient();
        var gateway = GatewayObjects.Create("web", ns, "emulator",
            GatewayObjects.Http("http"),
            GatewayObjects.Https("www", "www.example.com", "www-tls"),
            GatewayObjects.Https("api", "api.example.com", "api-tls", secretNamespace: certs),
            GatewayObjects.Https("shop", "shop.example.com", "shop-tls", secretNamespace: certs),
            GatewayObjects.Https("wild", "*.example.com", "wild-tls"));
        gateway["metadata"]!.AsObject().Remove("resourceVersion");
        var created = await CreateAsync(client, ns, GatewayApi.Version, GatewayApi.Gateways, gateway);
        await CreateAsync(client, certs, GatewayApi.ReferenceGrantVersion, GatewayApi.ReferenceGrants, GatewayObjects.Grant(certs, fromNamespace: ns, secret: "api-tls"));
        using var host = KubernetesTestHost.Create(emulator);
        var reference = CertificateRef.ForGateway(KubernetesTestHost.Cluster, ns, "web");

        var read = await host.Get<GatewayCertificatesReader>().ReadAsync(reference, CancellationToken.None);
        var recorded = await host.Get<GatewayProblemReporter>().ReportAsync(read, CancellationToken.None);
        var events = await emulator.RunKubectlAsync("get", "events", "-n", ns, "--field-selector", "involvedObject.kind=Gateway,involvedObject.name=web",
            "-o", "jsonpath={range .items[*]}{.type}/{.reason}/{.involvedObject.apiVersion}/{.involvedObject.uid}{\"\\n\"}{end}");

        Assert.True(read.OptedIn);
        Assert.Equal(
            [$"{ns}/www-tls=www.example.com", $"{certs}/api-tls=api.example.com"],
            read.Certificates.Select(c => $"{c.SecretNamespace}/{c.SecretName}={string.Join(",", c.Hosts)}"));
        Assert.Equal(
            [("shop", ListenerProblemReasons.RefNotPermitted), ("wild", ListenerProblemReasons.Wildcard)],
            read.Problems.Select(p => (p.Listener, p.Reason)));
        Assert.Equal(2, recorded);
        Assert.True(events.Succeeded, events.ToString());
        var uid = (string)created["metadata"]!["uid"]!;
        Assert.Equal(
            [$"Warning/{ListenerProblemReasons.RefNotPermitted}/gateway.networking.k8s.io/v1/{uid}", $"Warning/{ListenerProblemReasons.Wildcard}/gateway.networking.k8s.io/v1/{uid}"],
            events.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_missing_gateway_is_a_permanent_not_found_error()
    {
        var ns = await emulator.CreateNamespaceAsync("gwmissing");
        using var host = KubernetesTestHost.Create(emulator);

        var error = await Assert.ThrowsAsync<GatewayNotFoundException>(() =>
            host.Get<GatewayCertificatesReader>().ReadAsync(CertificateRef.ForGateway(KubernetesTestHost.Cluster, ns, "absent"), CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Contains($"'{ns}/absent'", error.Message, StringComparison.Ordinal);
    }

    private static async Task<JsonObject> CreateAsync(IKubernetes client, string ns, string version, string plural, JsonObject body) =>
        GatewayCertificatesReader.ToObject(await client.CustomObjects.CreateNamespacedCustomObjectAsync(body, GatewayApi.Group, version, ns, plural));
}
