using CertFunctions.Core.Renewal;
using CertFunctions.Core.Renewal.Scan;
using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Tests.Renewal.Scan;

/// <summary>The scan's per-certificate step against the emulator and Azurite.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class CertificateRenewalStepTests(KubeApiEmulatorFixture emulator, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_certificate_in_a_namespace_whose_secrets_cannot_be_read_is_reported_not_skipped_silently_and_the_others_go_on()
    {
        var gateway = new ScanTestGateway();
        using var services = ScanTestServices.Build(emulator, azurite, gateway, new Dictionary<string, string?> { ["Renewal:CheckRenewalInfo"] = "false" });
        var (dueNs, _) = await ScanTestServices.SeedIssuedAsync(emulator, services, "step-due", DateTimeOffset.UtcNow.AddDays(-1));
        var (deniedNs, _) = await ScanTestServices.SeedIssuedAsync(emulator, services, "step-denied", DateTimeOffset.UtcNow.AddDays(-1));
        var full = await services.GetRequiredService<ClusterInventoryReader>().ReadAsync(ScanTestServices.Cluster, CancellationToken.None);
        var inventory = full with
        {
            Specs = [.. full.Specs.Where(s => s.Certificate.Namespace == dueNs || s.Certificate.Namespace == deniedNs)],
            UnreadableNamespaces = new Dictionary<string, string> { [deniedNs] = "secrets is forbidden" },
            // Other tests share the emulator: their Gateways are not this test's.
            Gateways = [],
        };
        var scan = new ScanRun(DateTimeOffset.UtcNow, services.GetRequiredService<IOptions<RenewalOptions>>().Value, askCa: false, [], gateway);

        await services.GetRequiredService<CertificateRenewalStep>().RunAsync(inventory, scan, CancellationToken.None);

        var report = scan.ToReport();
        Assert.Contains(report.Problems, p => p.Contains(deniedNs, StringComparison.Ordinal) && p.Contains("secrets is forbidden", StringComparison.Ordinal));
        Assert.Equal(1, report.Started);
        Assert.Equal(dueNs, Assert.Single(gateway.Started).Certificate.Namespace);
    }

    [Fact]
    public void The_report_carries_every_counter_and_problem_the_steps_recorded()
    {
        var scan = new ScanRun(DateTimeOffset.UtcNow, new RenewalOptions(), askCa: false, [], new ScanTestGateway());
        foreach (var counter in Enum.GetValues<ScanCounter>())
        {
            scan.Count(counter, (int)counter + 1);
        }

        scan.AddProblem("one");
        var report = scan.ToReport();

        Assert.Equal(
            Enum.GetValues<ScanCounter>().Select(c => (int)c + 1),
            [report.Scanned, report.Due, report.Started, report.AlreadyRunning, report.BackingOff, report.DueByCaWindow, report.LeftoversRemoved,
             report.AtRisk, report.StatesRetired, report.SharedSecret, report.TokensRemoved]);
        Assert.Equal(["one"], report.Problems);
    }
}
