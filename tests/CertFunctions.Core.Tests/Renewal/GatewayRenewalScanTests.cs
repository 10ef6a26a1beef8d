using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Core.Orchestration;
using CertFunctions.Core.Renewal;
using CertFunctions.Core.Tests.Kubernetes.Support;
using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.Storage;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CertFunctions.Core.Tests.Renewal;

/// <summary>The renewal scan finds opted-in Gateways with the Ingresses and checks each of their Secrets like an Ingress's certificate.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class GatewayRenewalScanTests(KubeApiEmulatorFixture emulator, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_gateway_with_one_due_secret_gets_one_run_for_that_secret_naming_the_certificate_it_replaces_and_a_fine_gateway_gets_none()
    {
        var gateway = new ScanTestGateway();
        using var services = Build(gateway);
        var due = await ScanTestServices.SeedIssuedGatewayAsync(emulator, services, "gw-due", ("a", DateTimeOffset.UtcNow.AddHours(-1)), ("b", DateTimeOffset.UtcNow.AddDays(30)));
        var fine = await ScanTestServices.SeedIssuedGatewayAsync(emulator, services, "gw-fine", ("a", DateTimeOffset.UtcNow.AddDays(30)), ("b", DateTimeOffset.UtcNow.AddDays(30)));
        var web = CertificateRef.ForGateway(ScanTestServices.Cluster, due, "web");
        var deployed = await services.GetRequiredService<DeployedCertificateReader>().ReadAsync(web.ForSecret(due, "a-tls"), "a-tls", CancellationToken.None);
        Assert.NotNull(deployed?.AriCertificateId);

        var report = await services.GetRequiredService<RenewalScanner>().ScanAsync(CancellationToken.None);

        var started = Assert.Single(gateway.Started, r => r.Certificate.Namespace == due);
        Assert.Equal(web, started.Certificate);
        Assert.Equal(IssuanceReason.Renewal, started.Reason);
        // Only the due Secret, with the ARI id of the certificate it replaces; b-tls is not renewed early.
        Assert.Equal([new DueSecret($"{due}/a-tls", IssuanceReason.Renewal, deployed.AriCertificateId)], started.Due!);
        Assert.DoesNotContain(gateway.Started, r => r.Certificate.Namespace == fine);
        Assert.True(report.Due >= 1);
        Assert.DoesNotContain(report.Problems, p => p.Contains(due, StringComparison.Ordinal) || p.Contains(fine, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hostname_added_to_a_listener_and_a_deleted_secret_make_the_gateway_due_once()
    {
        var gateway = new ScanTestGateway();
        using var services = Build(gateway, new Dictionary<string, string?> { ["Renewal:IssueForDiscovered"] = "true" });
        var ns = await ScanTestServices.SeedIssuedGatewayAsync(emulator, services, "gw-hosts", ("a", DateTimeOffset.UtcNow.AddDays(30)), ("b", DateTimeOffset.UtcNow.AddDays(30)));
        using var client = emulator.CreateKubernetesClient();
        await client.CoreV1.DeleteNamespacedSecretAsync("b-tls", ns);

        // Listener "a" now asks for a name its certificate does not hold.
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new k8s.Models.V1Patch(
                System.Text.Json.JsonSerializer.Serialize(new { spec = new { listeners = Listeners(ns, "a", "b", extraHostOnA: true) } }),
                k8s.Models.V1Patch.PatchType.MergePatch),
            "gateway.networking.k8s.io", "v1", ns, "gateways", "web");

        var report = await services.GetRequiredService<RenewalScanner>().ScanAsync(CancellationToken.None);

        var started = Assert.Single(gateway.Started, r => r.Certificate.Namespace == ns);
        Assert.True(started.Certificate.IsGateway);
        Assert.Null(started.Certificate.Secret);
        Assert.Equal(IssuanceReason.Discovered, started.Reason);
        Assert.Equal([$"{ns}/a-tls", $"{ns}/b-tls"], started.Due!.Select(d => d.Secret).Order(StringComparer.Ordinal));
        Assert.True(report.Due >= 2);
    }

    [Fact]
    public async Task A_wildcard_listener_is_reported_in_the_scan_and_as_a_warning_on_the_gateway_and_nothing_starts()
    {
        var gateway = new ScanTestGateway();
        using var services = Build(gateway, new Dictionary<string, string?> { ["Renewal:IssueForDiscovered"] = "true" });
        var ns = await emulator.CreateNamespaceAsync("gw-wild");
        using var client = emulator.CreateKubernetesClient();
        await GatewayObjects.ApplyAsync(client, ns, GatewayObjects.EmulatorController, GatewayObjects.Http("http"), GatewayObjects.Https("wild", $"*.{ns}.example.test", "wild-tls"));

        var report = await services.GetRequiredService<RenewalScanner>().ScanAsync(CancellationToken.None);

        Assert.DoesNotContain(gateway.Started, r => r.Certificate.Namespace == ns);
        Assert.Contains(report.Problems, p => p.Contains($"{ns}/gateway/web", StringComparison.Ordinal) && p.Contains("wild", StringComparison.Ordinal));
        var events = (await client.CoreV1.ListNamespacedEventAsync(ns)).Items;
        Assert.Contains(events, e => e.InvolvedObject.Kind == "Gateway" && e.InvolvedObject.Name == "web" && e.Type == "Warning");
    }

    [Fact]
    public async Task States_of_a_gone_gateway_and_of_a_secret_it_no_longer_names_are_dropped_and_the_others_kept()
    {
        var gateway = new ScanTestGateway();
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow + StateRetirement.Grace + TimeSpan.FromMinutes(1));
        using var services = Build(gateway, configure: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(later)));
        var ns = await ScanTestServices.SeedIssuedGatewayAsync(emulator, services, "gw-retire", ("a", DateTimeOffset.UtcNow.AddDays(30)), ("b", DateTimeOffset.UtcNow.AddDays(30)));
        var web = CertificateRef.ForGateway(ScanTestServices.Cluster, ns, "web");
        var gone = CertificateRef.ForGateway(ScanTestServices.Cluster, ns, "gone");
        var store = services.GetRequiredService<CertificateStateStore>();
        foreach (var certificate in new[] { web.ForSecret(ns, "a-tls"), web.ForSecret(ns, "b-tls"), web.ForSecret(ns, "old-tls"), gone.ForSecret(ns, "a-tls"), gone })
        {
            await store.WriteAsync(State(certificate), CancellationToken.None);
        }

        var report = await services.GetRequiredService<RenewalScanner>().ScanAsync(CancellationToken.None);

        var kept = (await store.ListEntriesAsync(ScanTestServices.Cluster, CancellationToken.None)).Where(e => e.Certificate.Namespace == ns).Select(e => e.Certificate).ToHashSet();
        Assert.Equal(new HashSet<CertificateRef> { web.ForSecret(ns, "a-tls"), web.ForSecret(ns, "b-tls") }, kept);
        Assert.True(report.StatesRetired >= 3);
    }

    private static object[] Listeners(string ns, string first, string second, bool extraHostOnA = false)
    {
        var listeners = new List<object>
        {
            new { name = "http", protocol = "HTTP", port = 80 },
            Https(first, $"{first}.{ns}.example.test"),
            Https(second, $"{second}.{ns}.example.test"),
        };
        if (extraHostOnA)
        {
            listeners.Add(Https(first + "-more", $"more.{ns}.example.test", first + "-tls"));
        }

        return [.. listeners];
    }

    private static object Https(string name, string host, string? secret = null) =>
        new { name, protocol = "HTTPS", port = 443, hostname = host, tls = new { mode = "Terminate", certificateRefs = new[] { new { kind = "Secret", name = secret ?? name + "-tls" } } } };

    private static CertificateState State(CertificateRef certificate) =>
        new(certificate, ["a.retire.example.test"], certificate.SecretName ?? "_", CertificateOutcome.Succeeded, DateTimeOffset.UtcNow.AddDays(-1),
            DateTimeOffset.UtcNow.AddDays(-1), 0, null, null, "0a1b2c", DateTimeOffset.UtcNow.AddDays(89), DateTimeOffset.UtcNow.AddDays(59), null);

    private ServiceProvider Build(ScanTestGateway gateway, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?> { ["Renewal:CheckRenewalInfo"] = "false" };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        return ScanTestServices.Build(emulator, azurite, gateway, values, configure);
    }
}
