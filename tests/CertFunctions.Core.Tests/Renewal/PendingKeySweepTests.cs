using CertFunctions.Core.Acme;
using CertFunctions.Core.Hosting;
using CertFunctions.Core.Renewal;
using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CertFunctions.Core.Tests.Renewal;

/// <summary>The renewal scan against Azurite removes pending certificate keys that no running issuance will use.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class PendingKeySweepTests(KubeApiEmulatorFixture emulator, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string NotAKey = "-----BEGIN PRIVATE KEY-----\nnot-a-key\n-----END PRIVATE KEY-----\n";

    [Fact]
    public async Task The_scan_removes_pending_keys_past_the_bound_whose_instance_is_not_running_and_keeps_the_rest()
    {
        var gateway = new ScanTestGateway();
        gateway.States["cert_running"] = OrchestrationState.Running;
        gateway.States["cert_failed"] = OrchestrationState.Failed;
        using var now = Build(gateway, TimeProvider.System);
        using var later = Build(gateway, new FakeTimeProvider(DateTimeOffset.UtcNow + PendingKeySweep.MinimumAge + TimeSpan.FromMinutes(1)));
        var keys = now.GetRequiredService<PendingKeyStore>();
        foreach (var owner in new[] { "cert_running", "cert_failed", "cert_terminated_unknown" })
        {
            await keys.SaveAsync(new Uri($"https://ca.example.test/order/{owner}"), NotAKey, owner, CancellationToken.None);
        }

        // Just written: a run may have saved its key and not yet show as running, so nothing goes yet.
        await now.GetRequiredService<RenewalScanner>().ScanAsync(CancellationToken.None);
        Assert.Equal(["cert_failed", "cert_running", "cert_terminated_unknown"], await OwnersAsync(keys));

        await later.GetRequiredService<RenewalScanner>().ScanAsync(CancellationToken.None);
        Assert.Equal(["cert_running"], await OwnersAsync(keys));
        Assert.NotNull(await keys.ReadAsync(new Uri("https://ca.example.test/order/cert_running"), CancellationToken.None));
    }

    private static async Task<string[]> OwnersAsync(PendingKeyStore keys)
        => [.. (await keys.ListAsync(CancellationToken.None)).Select(k => k.Owner ?? "(none)").Order()];

    private ServiceProvider Build(ScanTestGateway gateway, TimeProvider time) =>
        ScanTestServices.Build(
            emulator,
            azurite,
            gateway,
            new Dictionary<string, string?> { ["Renewal:CheckRenewalInfo"] = "false" },
            services => services.Replace(ServiceDescriptor.Singleton(time)));
}
