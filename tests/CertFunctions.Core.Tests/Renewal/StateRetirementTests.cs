using CertFunctions.Core.Certificates;
using CertFunctions.Core.Hosting;
using CertFunctions.Core.Renewal;
using CertFunctions.Core.Tests.Kubernetes.Integration;
using CertFunctions.Core.Tests.Kubernetes.Support;
using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CertFunctions.Core.Tests.Renewal;

/// <summary>The renewal scan against the emulator and Azurite drops the state of certificates whose Ingress is gone or opted out.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class StateRetirementTests(KubeApiEmulatorFixture emulator, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task States_of_gone_or_opted_out_ingresses_are_dropped_after_the_grace_and_not_while_an_issuance_runs()
    {
        var ns = await emulator.CreateNamespaceAsync("retire");
        using var client = emulator.CreateKubernetesClient();
        await Objects.CreateIngressAsync(client, ns, Ingresses.Create("kept", ns, new Dictionary<string, string> { ["certfunctions.io/enabled"] = "true" }, ["kept.retire.example.test"]));
        await Objects.CreateIngressAsync(client, ns, Ingresses.Create("optout", ns, new Dictionary<string, string> { ["certfunctions.io/enabled"] = "false" }, ["optout.retire.example.test"]));
        var gateway = new ScanTestGateway();
        gateway.States[Ref(ns, "busy").InstanceId] = OrchestrationState.Running;
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow + StateRetirement.Grace + TimeSpan.FromMinutes(1));
        using var now = Build(gateway, TimeProvider.System);
        using var afterGrace = Build(gateway, later);
        var store = now.GetRequiredService<CertificateStateStore>();
        foreach (var ingress in new[] { "kept", "optout", "gone", "busy" })
        {
            await store.WriteAsync(State(ns, ingress), CancellationToken.None);
        }

        // Just written: an issuance may have started after the scan listed the Ingresses, so nothing is dropped yet.
        var first = await now.GetRequiredService<RenewalScanner>().ScanAsync(CancellationToken.None);
        Assert.Equal(["busy", "gone", "kept", "optout"], await StoredAsync(store, ns));
        Assert.Equal(0, first.StatesRetired);

        var second = await afterGrace.GetRequiredService<RenewalScanner>().ScanAsync(CancellationToken.None);

        Assert.Equal(["busy", "kept"], await StoredAsync(store, ns));
        Assert.Equal(2, second.StatesRetired);
    }

    private static CertificateRef Ref(string ns, string ingress) => new(ScanTestServices.Cluster, ns, ingress);

    private static CertificateState State(string ns, string ingress) =>
        new(Ref(ns, ingress), [$"{ingress}.retire.example.test"], ingress + "-tls", CertificateOutcome.Succeeded, DateTimeOffset.UtcNow.AddDays(-1),
            DateTimeOffset.UtcNow.AddDays(-1), 0, null, null, "0a1b2c", DateTimeOffset.UtcNow.AddDays(89), DateTimeOffset.UtcNow.AddDays(59), null);

    private static async Task<string[]> StoredAsync(CertificateStateStore store, string ns) =>
        [.. (await store.ListEntriesAsync(ScanTestServices.Cluster, CancellationToken.None))
            .Where(e => e.Certificate.Namespace == ns)
            .Select(e => e.Certificate.Ingress)
            .Order(StringComparer.Ordinal)];

    private ServiceProvider Build(ScanTestGateway gateway, TimeProvider time) =>
        ScanTestServices.Build(
            emulator,
            azurite,
            gateway,
            new Dictionary<string, string?> { ["Renewal:CheckRenewalInfo"] = "false" },
            services => services.Replace(ServiceDescriptor.Singleton(time)));
}
