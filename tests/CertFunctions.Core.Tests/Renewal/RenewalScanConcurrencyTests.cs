using CertFunctions.Core.Renewal;
using CertFunctions.Core.Tests.Kubernetes.Support;
using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.Storage;
using k8s;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Core.Tests.Renewal;

/// <summary>The scan starts no more issuances at once than <c>Renewal:MaxConcurrency</c> allows.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class RenewalScanConcurrencyTests(KubeApiEmulatorFixture emulator, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_max_concurrency_of_one_starts_issuances_one_at_a_time()
    {
        var gateway = new ScanTestGateway { StartDuration = TimeSpan.FromMilliseconds(100) };
        using var services = ScanTestServices.Build(emulator, azurite, gateway, new Dictionary<string, string?>
        {
            ["Renewal:MaxConcurrency"] = "1",
            ["Renewal:IssueForDiscovered"] = "true",
            ["Renewal:CheckRenewalInfo"] = "false",
        });
        var ns = await emulator.CreateNamespaceAsync("one-at-a-time");
        using var client = emulator.CreateKubernetesClient();
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            var ingress = Ingresses.Create(name, ns, new Dictionary<string, string> { ["certfunctions.io/enabled"] = "true" }, [$"{name}.{ns}.example.test"]);
            ingress.Metadata.ResourceVersion = null;
            await client.NetworkingV1.CreateNamespacedIngressAsync(ingress, ns);
        }

        await services.GetRequiredService<RenewalScanner>().ScanAsync(CancellationToken.None);

        Assert.Equal(4, gateway.Started.Count(r => r.Certificate.Namespace == ns));
        Assert.Equal(1, gateway.MostConcurrentStarts);
    }
}
