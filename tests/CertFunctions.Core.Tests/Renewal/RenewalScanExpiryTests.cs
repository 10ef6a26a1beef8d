using CertFunctions.Core.Certificates;
using CertFunctions.Core.Renewal;
using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.Storage;
using k8s;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Core.Tests.Renewal;

/// <summary>The renewal scan against the emulator and Azurite warns on the Ingress when renewal has not replaced a certificate in time.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class RenewalScanExpiryTests(KubeApiEmulatorFixture emulator, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_certificate_past_half_its_margin_gets_a_warning_event_with_the_last_failure_and_the_back_off()
    {
        var gateway = new ScanTestGateway();
        using var services = Build(gateway);
        // Two days left of a lifetime whose planned renewal was three days ago: past half the margin.
        var (ns, deployed) = await ScanTestServices.SeedIssuedAsync(emulator, services, "expiring", DateTimeOffset.UtcNow.AddDays(-3), TimeSpan.FromDays(2));
        var (healthyNs, _) = await ScanTestServices.SeedIssuedAsync(emulator, services, "healthy", DateTimeOffset.UtcNow.AddDays(50));
        var certificate = new CertificateRef(ScanTestServices.Cluster, ns, "web");
        var nextAttempt = DateTimeOffset.UtcNow.AddHours(2);
        await services.GetRequiredService<CertificateStateStore>().WriteAsync(
            new CertificateState(certificate, deployed.DnsNames, "web-tls", CertificateOutcome.Failed, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(-60),
                3, nextAttempt, "The CA refused the order: urn:ietf:params:acme:error:rejectedIdentifier", deployed.Serial, deployed.NotAfter, deployed.PlannedRenewal, null),
            CancellationToken.None);

        var report = await services.GetRequiredService<RenewalScanner>().ScanAsync(CancellationToken.None);

        Assert.True(report.AtRisk >= 1, string.Join(" | ", report.Problems));
        Assert.DoesNotContain(gateway.Started, r => r.Certificate.Namespace == ns); // backing off
        using var client = emulator.CreateKubernetesClient();
        var warning = Assert.Single((await client.CoreV1.ListNamespacedEventAsync(ns)).Items, e => e.Reason == "CertificateExpiring");
        Assert.Equal("Warning", warning.Type);
        Assert.Equal("web", warning.InvolvedObject.Name);
        Assert.Contains("web-tls", warning.Message, StringComparison.Ordinal);
        Assert.Contains("3 attempt(s) failed, the last: The CA refused the order: urn:ietf:params:acme:error:rejectedIdentifier", warning.Message, StringComparison.Ordinal);
        Assert.Contains($"Next attempt after {nextAttempt:u}", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain((await client.CoreV1.ListNamespacedEventAsync(healthyNs)).Items, e => e.Reason is "CertificateExpiring" or "CertificateExpired");
    }

    [Fact]
    public async Task An_expired_certificate_gets_a_certificate_expired_warning_and_a_new_issuance()
    {
        var gateway = new ScanTestGateway();
        using var services = Build(gateway, issueForDiscovered: true);
        // The test leaf starts five minutes ago: a one-minute lifetime is over.
        var (ns, _) = await ScanTestServices.SeedIssuedAsync(emulator, services, "expired", DateTimeOffset.UtcNow.AddDays(-3), TimeSpan.FromMinutes(1));

        await services.GetRequiredService<RenewalScanner>().ScanAsync(CancellationToken.None);

        Assert.Contains(gateway.Started, r => r.Certificate.Namespace == ns);
        using var client = emulator.CreateKubernetesClient();
        var warning = Assert.Single((await client.CoreV1.ListNamespacedEventAsync(ns)).Items, e => e.Reason == "CertificateExpired");
        Assert.Contains("expired at", warning.Message, StringComparison.Ordinal);
        Assert.Contains("No attempt has failed so far", warning.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Build(ScanTestGateway gateway, bool issueForDiscovered = false) =>
        ScanTestServices.Build(emulator, azurite, gateway, new Dictionary<string, string?>
        {
            ["Renewal:CheckRenewalInfo"] = "false",
            ["Renewal:IssueForDiscovered"] = issueForDiscovered ? "true" : "false",
        });
}
