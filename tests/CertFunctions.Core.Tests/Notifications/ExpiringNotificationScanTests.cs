using CertFunctions.Core.Notifications;
using CertFunctions.Core.Renewal;
using CertFunctions.Core.Tests.Renewal;
using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CertFunctions.Core.Tests.Notifications;

/// <summary>The renewal scan (emulator, Azurite) queues "expiring" once per day per certificate, however many scans run.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class ExpiringNotificationScanTests(KubeApiEmulatorFixture emulator, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Two_scans_on_one_day_queue_one_expiring_notification_and_the_next_day_another()
    {
        var gateway = new ScanTestGateway();
        var clock = new ShiftedTimeProvider();
        using var services = ScanTestServices.Build(
            emulator,
            azurite,
            gateway,
            new Dictionary<string, string?>
            {
                ["Renewal:CheckRenewalInfo"] = "false",
                ["Notifications:Webhooks:ops:Url"] = "http://127.0.0.1:9/ops",
                ["Notifications:Webhooks:ops:Events"] = "expiring",
                ["Notifications:Webhooks:all:Url"] = "http://127.0.0.1:9/all",
            },
            s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        // Two days left, renewal due three days ago: at risk; a failure backs off, so the scans start no issuance.
        var (ns, deployed) = await ScanTestServices.SeedIssuedAsync(emulator, services, "notify-expiring", DateTimeOffset.UtcNow.AddDays(-3), TimeSpan.FromDays(2));
        var certificate = new CertFunctions.Core.Certificates.CertificateRef(ScanTestServices.Cluster, ns, "web");
        await services.GetRequiredService<CertificateStateStore>().WriteAsync(
            new CertificateState(certificate, deployed.DnsNames, "web-tls", CertificateOutcome.Failed, DateTimeOffset.UtcNow.AddHours(-1), null,
                2, DateTimeOffset.UtcNow.AddDays(3), "The CA refused the order", deployed.Serial, deployed.NotAfter, deployed.PlannedRenewal, null),
            CancellationToken.None);
        var scanner = services.GetRequiredService<RenewalScanner>();

        await scanner.ScanAsync(CancellationToken.None);
        await scanner.ScanAsync(CancellationToken.None);

        var first = Assert.Single(gateway.Notifications, n => n.Event.Certificate == certificate);
        Assert.Equal(NotificationKind.Expiring, first.Event.Kind);
        Assert.Equal(["all", "ops"], first.Webhooks);
        Assert.Equal(deployed.Serial, first.Event.Serial);
        Assert.Equal(deployed.NotAfter, first.Event.NotAfter);
        Assert.Contains("2 attempt(s) failed, the last: The CA refused the order", first.Event.Reason, StringComparison.Ordinal);
        Assert.NotNull(first.Event.NextAttemptAt);

        clock.Offset = TimeSpan.FromDays(1);
        await scanner.ScanAsync(CancellationToken.None);

        var both = gateway.Notifications.Where(n => n.Event.Certificate == certificate).ToList();
        Assert.Equal(2, both.Count);
        Assert.Single(both.Select(n => n.Event.Id).Distinct(), id => id == first.Event.Id);
        Assert.Equal(2, both.Select(n => n.Event.Id).Distinct().Count());
    }

    private sealed class ShiftedTimeProvider : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
    }
}
