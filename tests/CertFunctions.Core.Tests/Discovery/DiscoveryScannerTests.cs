using CertFunctions.Core.Discovery;
using CertFunctions.Core.Telemetry;
using CertFunctions.Core.Tests.Kubernetes.Support;
using CertFunctions.Core.Tests.Renewal;
using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.Storage;
using CertFunctions.Testing.Telemetry;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Core.Tests.Discovery;

/// <summary>
/// The discovery trigger against the emulator (metadata lists) and Azurite (its state between runs), with the orchestration
/// seam at the boundary: each kind of change starts one issuance, unchanged objects cost no read, runs never overlap.
/// </summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class DiscoveryScannerTests(KubeApiEmulatorFixture emulator, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly ScanTestGateway _gateway = new();
    private ServiceProvider? _services;

    private ServiceProvider Services => _services ??= ScanTestServices.Build(emulator, azurite, _gateway);

    public void Dispose() => _services?.Dispose();

    [Fact]
    public async Task A_new_opted_in_ingress_starts_one_issuance_and_an_unchanged_one_costs_no_read()
    {
        var ns = await emulator.CreateNamespaceAsync("disc-new");
        using var client = emulator.CreateKubernetesClient();
        await CreateIngressAsync(client, ns, "web", ["web.disc.example.test"], optIn: true);
        using var metrics = new MeasurementRecorder(TelemetryNames.Meter);

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.False(first.Skipped);
        Assert.Equal(["web"], StartedIn(ns));
        Assert.Equal(0, second.Checked);
        Assert.Equal(0, second.Started);
        Assert.Single(StartedIn(ns));
        Assert.InRange(second.ListRequests, 2, 1 + (second.Listed / CertFunctions.Core.Kubernetes.Listing.ObjectLists.PageSize) + 2);
        // Each run is measured as a discovery run, with what it checked and started (other runs may add their own).
        var discovery = (TelemetryTags.ScanKind, "discovery");
        Assert.True(metrics.Of("certfunctions.scan.runs", discovery).Sum(m => m.Value) >= 2);
        Assert.True(metrics.Of("certfunctions.scan.duration", discovery).Count(m => m.Value >= 0) >= 2);
        Assert.Contains(metrics.Of("certfunctions.scan.started", discovery), m => m.Value == first.Started && first.Started >= 1);
        Assert.Contains(metrics.Of("certfunctions.scan.objects", discovery), m => m.Value == first.Checked && first.Checked >= 1);
    }

    [Fact]
    public async Task A_fine_certificate_starts_nothing()
    {
        var (ns, _) = await ScanTestServices.SeedIssuedAsync(emulator, Services, "disc-fine", DateTimeOffset.UtcNow.AddDays(50));

        await RunAsync();

        Assert.Empty(StartedIn(ns));
    }

    [Fact]
    public async Task A_host_added_to_the_ingress_starts_an_issuance()
    {
        var (ns, _) = await ScanTestServices.SeedIssuedAsync(emulator, Services, "disc-host", DateTimeOffset.UtcNow.AddDays(50));
        await RunAsync();
        using var client = emulator.CreateKubernetesClient();

        var ingress = await client.NetworkingV1.ReadNamespacedIngressAsync("web", ns);
        ingress.Spec.Rules.Add(Ingresses.Rule("added.disc-host.example.test", "/", "web"));
        await client.NetworkingV1.ReplaceNamespacedIngressAsync(ingress, "web", ns);
        await RunAsync();

        Assert.Equal(["web"], StartedIn(ns));
    }

    [Fact]
    public async Task An_opt_in_annotation_added_starts_an_issuance()
    {
        var ns = await emulator.CreateNamespaceAsync("disc-optin");
        using var client = emulator.CreateKubernetesClient();
        await CreateIngressAsync(client, ns, "web", ["web.disc-optin.example.test"], optIn: false);
        await RunAsync();
        Assert.Empty(StartedIn(ns));

        await client.NetworkingV1.PatchNamespacedIngressAsync(
            new V1Patch("""{"metadata":{"annotations":{"kubernetes.io/tls-acme":"true"}}}""", V1Patch.PatchType.MergePatch), "web", ns);
        await RunAsync();

        Assert.Equal(["web"], StartedIn(ns));
    }

    [Fact]
    public async Task A_deleted_secret_starts_an_issuance()
    {
        var (ns, _) = await ScanTestServices.SeedIssuedAsync(emulator, Services, "disc-del", DateTimeOffset.UtcNow.AddDays(50));
        await RunAsync();
        using var client = emulator.CreateKubernetesClient();

        await client.CoreV1.DeleteNamespacedSecretAsync("web-tls", ns);
        await RunAsync();

        Assert.Equal(["web"], StartedIn(ns));
    }

    [Fact]
    public async Task An_emptied_secret_starts_an_issuance()
    {
        var (ns, _) = await ScanTestServices.SeedIssuedAsync(emulator, Services, "disc-empty", DateTimeOffset.UtcNow.AddDays(50));
        await RunAsync();
        using var client = emulator.CreateKubernetesClient();

        await client.CoreV1.PatchNamespacedSecretAsync(
            new V1Patch("""{"data":{"tls.crt":"","tls.key":""}}""", V1Patch.PatchType.MergePatch), "web-tls", ns);
        await RunAsync();

        Assert.Equal(["web"], StartedIn(ns));
    }

    [Fact]
    public async Task A_removed_spec_tls_entry_starts_an_issuance()
    {
        var (ns, _) = await ScanTestServices.SeedIssuedAsync(emulator, Services, "disc-tls", DateTimeOffset.UtcNow.AddDays(50));
        await RunAsync();
        using var client = emulator.CreateKubernetesClient();

        await client.NetworkingV1.PatchNamespacedIngressAsync(new V1Patch("""[{"op":"remove","path":"/spec/tls"}]""", V1Patch.PatchType.JsonPatch), "web", ns);
        await RunAsync();

        Assert.Equal(["web"], StartedIn(ns));
    }

    [Fact]
    public async Task A_run_that_overlaps_a_running_one_does_nothing()
    {
        var ns = await emulator.CreateNamespaceAsync("disc-overlap");
        using var client = emulator.CreateKubernetesClient();
        await CreateIngressAsync(client, ns, "web", ["web.disc-overlap.example.test"], optIn: true);
        var lease = await Services.GetRequiredService<DiscoveryStateStore>().TryLeaseAsync(CancellationToken.None);
        Assert.NotNull(lease);

        DiscoveryReport overlapping;
        try
        {
            overlapping = await RunAsync();
        }
        finally
        {
            await lease!.ReleaseAsync();
        }

        var after = await RunAsync();

        Assert.True(overlapping.Skipped);
        Assert.Equal(0, overlapping.ListRequests);
        Assert.False(after.Skipped);
        Assert.Equal(["web"], StartedIn(ns));
    }

    [Fact]
    public async Task Switched_off_it_lists_nothing_and_starts_nothing()
    {
        var ns = await emulator.CreateNamespaceAsync("disc-off");
        using var client = emulator.CreateKubernetesClient();
        await CreateIngressAsync(client, ns, "web", ["web.disc-off.example.test"], optIn: true);
        using var services = ScanTestServices.Build(emulator, azurite, _gateway, new Dictionary<string, string?> { ["Discovery:Enabled"] = "false" });

        var report = await services.GetRequiredService<DiscoveryScanner>().RunAsync(CancellationToken.None);

        Assert.True(report.Skipped);
        Assert.Equal(0, report.ListRequests);
        Assert.Empty(StartedIn(ns));
    }

    private Task<DiscoveryReport> RunAsync() => Services.GetRequiredService<DiscoveryScanner>().RunAsync(CancellationToken.None);

    private List<string> StartedIn(string ns) =>
        [.. _gateway.Started.Where(s => s.Certificate.Namespace == ns).Select(s => s.Certificate.Ingress)];

    private static async Task CreateIngressAsync(IKubernetes client, string ns, string name, string[] hosts, bool optIn)
    {
        var ingress = Ingresses.Create(name, ns, optIn ? new Dictionary<string, string> { ["certfunctions.io/enabled"] = "true" } : null, hosts);
        ingress.Metadata.ResourceVersion = null;
        await client.NetworkingV1.CreateNamespacedIngressAsync(ingress, ns);
    }
}
