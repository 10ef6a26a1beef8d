using System.Collections.Concurrent;
using CertFunctions.Acme.Ari;
using CertFunctions.Core.Issuers;
using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Core.Orchestration;
using CertFunctions.Core.Renewal;
using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.Storage;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CertFunctions.Core.Tests.Renewal;

/// <summary>
/// The renewal scan against the emulator and Azurite, with the CA's renewalInfo at its boundary (the local Pebble
/// serves none): a window the CA moves after issuance makes the certificate due, and the renewal names it in replaces.
/// </summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class RenewalScanCaWindowTests(KubeApiEmulatorFixture emulator, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_window_the_ca_moved_earlier_starts_a_renewal_that_names_the_certificate_it_replaces()
    {
        var (ns, deployed) = await SeedAsync("moved");
        var source = new WindowSource
        {
            Window = (DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMinutes(-1)),
            Explanation = new Uri("https://ca.example.test/incidents/2026-11-27"),
        };
        var gateway = new ScanTestGateway();
        using var services = Build(source, gateway);

        var report = await services.GetRequiredService<RenewalScanner>().ScanAsync(CancellationToken.None);

        Assert.True(gateway.Started.Any(r => r.Certificate.Namespace == ns), "nothing started for " + ns + "; problems: " + string.Join(" | ", report.Problems));
        var started = Assert.Single(gateway.Started, r => r.Certificate.Namespace == ns);
        Assert.Equal(IssuanceReason.Renewal, started.Reason);
        Assert.Equal(deployed.AriCertificateId, started.Replaces);
        Assert.True(report.DueByCaWindow >= 1);
        Assert.Contains(deployed.AriCertificateId!, source.Asked);

        // The Ingress's owner sees why it renews early, with the CA's explanation.
        using var client = emulator.CreateKubernetesClient();
        var events = await client.CoreV1.ListNamespacedEventAsync(ns);
        var moved = Assert.Single(events.Items, e => e.Reason == "RenewalWindowMoved");
        Assert.Equal("Normal", moved.Type);
        Assert.Equal("web", moved.InvolvedObject.Name);
        Assert.Contains("https://ca.example.test/incidents/2026-11-27", moved.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_moved_window_or_with_the_check_off_nothing_starts_before_the_planned_renewal()
    {
        var (ns, deployed) = await SeedAsync("steady");

        // The CA's window holds the planned renewal (50 days out): not due.
        var holding = new WindowSource { Window = (DateTimeOffset.UtcNow.AddDays(45), DateTimeOffset.UtcNow.AddDays(55)) };
        var gateway = new ScanTestGateway();
        using (var services = Build(holding, gateway))
        {
            await services.GetRequiredService<RenewalScanner>().ScanAsync(CancellationToken.None);
        }

        Assert.DoesNotContain(gateway.Started, r => r.Certificate.Namespace == ns);
        Assert.Contains(deployed.AriCertificateId!, holding.Asked);

        // Renewal:CheckRenewalInfo=false: the CA is not asked at all, even with a window in the past.
        var moved = new WindowSource { Window = (DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMinutes(-1)) };
        using (var services = Build(moved, gateway, checkRenewalInfo: false))
        {
            await services.GetRequiredService<RenewalScanner>().ScanAsync(CancellationToken.None);
        }

        Assert.DoesNotContain(gateway.Started, r => r.Certificate.Namespace == ns);
        Assert.Empty(moved.Asked);
        using var client = emulator.CreateKubernetesClient();
        Assert.DoesNotContain((await client.CoreV1.ListNamespacedEventAsync(ns)).Items, e => e.Reason == "RenewalWindowMoved");
    }

    private async Task<(string Namespace, DeployedCertificate Deployed)> SeedAsync(string prefix)
    {
        using var services = Build(new WindowSource(), new ScanTestGateway());
        var seeded = await ScanTestServices.SeedIssuedAsync(emulator, services, prefix, DateTimeOffset.UtcNow.AddDays(50));
        Assert.NotNull(seeded.Deployed.AriCertificateId);
        return seeded;
    }

    private ServiceProvider Build(WindowSource source, ScanTestGateway gateway, bool checkRenewalInfo = true) =>
        ScanTestServices.Build(
            emulator,
            azurite,
            gateway,
            new Dictionary<string, string?> { ["Renewal:CheckRenewalInfo"] = checkRenewalInfo ? "true" : "false" },
            services => services.Replace(ServiceDescriptor.Singleton<IRenewalInfoSource>(source)));

    /// <summary>The CA's renewalInfo at the boundary: one window for every certificate, and what it was asked.</summary>
    private sealed class WindowSource : IRenewalInfoSource
    {
        public (DateTimeOffset Start, DateTimeOffset End)? Window { get; init; }

        public Uri? Explanation { get; init; }

        public ConcurrentBag<string> Asked { get; } = [];

        public Task<bool> IsOfferedAsync(AcmeIssuer issuer, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<RenewalInfo?> GetAsync(AcmeIssuer issuer, string ariCertificateId, CancellationToken cancellationToken)
        {
            Asked.Add(ariCertificateId);
            return Task.FromResult(Window is { } w ? new RenewalInfo(w.Start, w.End, Explanation, null) : null);
        }
    }
}
