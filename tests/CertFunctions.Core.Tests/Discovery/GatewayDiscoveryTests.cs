using CertFunctions.Core.Certificates;
using CertFunctions.Core.Discovery;
using CertFunctions.Core.Kubernetes.Gateways;
using CertFunctions.Core.Tests.Kubernetes.Support;
using CertFunctions.Core.Tests.Renewal;
using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.Storage;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Core.Tests.Discovery;

/// <summary>
/// The discovery trigger for Gateways against the emulator (metadata lists) and Azurite: each kind of change starts one run
/// for the whole Gateway, an unchanged Gateway is skipped by uid and generation, and a fine one starts nothing.
/// </summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class GatewayDiscoveryTests(KubeApiEmulatorFixture emulator, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly ScanTestGateway _gateway = new();
    private ServiceProvider? _services;

    private ServiceProvider Services => _services ??= ScanTestServices.Build(emulator, azurite, _gateway);

    public void Dispose() => _services?.Dispose();

    [Fact]
    public async Task A_new_opted_in_gateway_starts_one_gateway_run_and_an_unchanged_one_is_not_read_again()
    {
        var ns = await emulator.CreateNamespaceAsync("gdisc-new");
        using var client = emulator.CreateKubernetesClient();
        await GatewayObjects.ApplyAsync(client, ns, GatewayObjects.EmulatorController, GatewayObjects.Http("http"), GatewayObjects.Https("a", $"a.{ns}.example.test", "a-tls"));

        await RunAsync();
        await emulator.ResetAuditAsync();
        var second = await RunAsync();

        Assert.Equal([CertificateRef.ForGateway(ScanTestServices.Cluster, ns, "web")], StartedIn(ns));
        Assert.Equal(0, second.Checked);
        Assert.DoesNotContain(await emulator.GetAuditAsync(), e => e.Resource == "gateways" && e.Verb == "get");
    }

    [Fact]
    public async Task A_fine_gateway_starts_nothing()
    {
        var ns = await ScanTestServices.SeedIssuedGatewayAsync(emulator, Services, "gdisc-fine", ("a", DateTimeOffset.UtcNow.AddDays(50)), ("b", DateTimeOffset.UtcNow.AddDays(50)));

        var report = await RunAsync();

        Assert.Empty(StartedIn(ns));
        Assert.True(report.Checked >= 1);
    }

    [Fact]
    public async Task A_listener_hostname_added_starts_a_gateway_run()
    {
        var ns = await ScanTestServices.SeedIssuedGatewayAsync(emulator, Services, "gdisc-host", ("a", DateTimeOffset.UtcNow.AddDays(50)));
        await RunAsync();
        Assert.Empty(StartedIn(ns));
        using var client = emulator.CreateKubernetesClient();

        var gateway = GatewayCertificatesReader.ToObject(await client.CustomObjects.GetNamespacedCustomObjectAsync(GatewayApi.Group, GatewayApi.Version, ns, GatewayApi.Gateways, "web"));
        gateway["spec"]!["listeners"]!.AsArray().Add(GatewayObjects.Https("more", $"more.{ns}.example.test", "a-tls"));
        await client.CustomObjects.ReplaceNamespacedCustomObjectAsync(gateway, GatewayApi.Group, GatewayApi.Version, ns, GatewayApi.Gateways, "web");
        await RunAsync();

        Assert.Equal([CertificateRef.ForGateway(ScanTestServices.Cluster, ns, "web")], StartedIn(ns));
    }

    [Fact]
    public async Task A_deleted_secret_starts_a_gateway_run_for_that_secret_only()
    {
        var ns = await ScanTestServices.SeedIssuedGatewayAsync(emulator, Services, "gdisc-del", ("a", DateTimeOffset.UtcNow.AddDays(50)), ("b", DateTimeOffset.UtcNow.AddDays(50)));
        await RunAsync();
        using var client = emulator.CreateKubernetesClient();

        await client.CoreV1.DeleteNamespacedSecretAsync("b-tls", ns);
        await RunAsync();

        Assert.Equal([CertificateRef.ForGateway(ScanTestServices.Cluster, ns, "web")], StartedIn(ns));
        // Secret a-tls still holds a good certificate: the run must not renew it early.
        var due = Assert.Single(_gateway.Started, s => s.Certificate.Namespace == ns).Due;
        Assert.NotNull(due);
        Assert.Equal([$"{ns}/b-tls"], due.Select(d => d.Secret));
    }

    [Fact]
    public async Task An_emptied_secret_starts_a_gateway_run()
    {
        var ns = await ScanTestServices.SeedIssuedGatewayAsync(emulator, Services, "gdisc-empty", ("a", DateTimeOffset.UtcNow.AddDays(50)));
        await RunAsync();
        using var client = emulator.CreateKubernetesClient();

        await client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("""{"data":{"tls.crt":"","tls.key":""}}""", V1Patch.PatchType.MergePatch), "a-tls", ns);
        await RunAsync();

        Assert.Equal([CertificateRef.ForGateway(ScanTestServices.Cluster, ns, "web")], StartedIn(ns));
    }

    [Fact]
    public async Task An_opt_in_annotation_added_starts_a_gateway_run()
    {
        var ns = await emulator.CreateNamespaceAsync("gdisc-optin");
        using var client = emulator.CreateKubernetesClient();
        await GatewayObjects.ApplyAsync(client, ns, GatewayObjects.EmulatorController, GatewayObjects.Http("http"), GatewayObjects.Https("a", $"a.{ns}.example.test", "a-tls"));
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"metadata":{"annotations":{"certfunctions.io/enabled":"false"}}}""", V1Patch.PatchType.MergePatch), GatewayApi.Group, GatewayApi.Version, ns, GatewayApi.Gateways, "web");
        await RunAsync();
        Assert.Empty(StartedIn(ns));

        await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"metadata":{"annotations":{"certfunctions.io/enabled":"true"}}}""", V1Patch.PatchType.MergePatch), GatewayApi.Group, GatewayApi.Version, ns, GatewayApi.Gateways, "web");
        await RunAsync();

        Assert.Equal([CertificateRef.ForGateway(ScanTestServices.Cluster, ns, "web")], StartedIn(ns));
    }

    private Task<DiscoveryReport> RunAsync() => Services.GetRequiredService<DiscoveryScanner>().RunAsync(CancellationToken.None);

    private List<CertificateRef> StartedIn(string ns) => [.. _gateway.Started.Where(s => s.Certificate.Namespace == ns).Select(s => s.Certificate)];
}
