using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Core.Renewal;
using CertFunctions.Core.Tests.Kubernetes.Integration;
using CertFunctions.Core.Tests.Kubernetes.Support;
using CertFunctions.Testing.Certificates;
using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.Storage;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Core.Tests.Renewal;

/// <summary>
/// The renewal scan against the emulator and Azurite when two opted-in Ingresses name one Secret: the owner renews it,
/// the other uses it as it is and says so when it lacks its hosts, and takes it over once the owner stops opting in.
/// </summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class SharedSecretScanTests(KubeApiEmulatorFixture emulator, AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Only_the_owner_issues_into_a_shared_secret_until_it_stops_opting_in()
    {
        var ns = await emulator.CreateNamespaceAsync("shared");
        using var client = emulator.CreateKubernetesClient();
        var gateway = new ScanTestGateway();
        using var services = ScanTestServices.Build(emulator, azurite, gateway, new Dictionary<string, string?>
        {
            ["Renewal:CheckRenewalInfo"] = "false",
            ["Renewal:IssueForDiscovered"] = "true",
        });
        await CreateAsync(client, ns, "owner", "owner.shared.example.test");
        await CreateAsync(client, ns, "other", "other.shared.example.test");
        await CreateAsync(client, ns, "same", "owner.shared.example.test");
        var (chain, key, _) = TestCertificateAuthority.Shared.Issue(["owner.shared.example.test"]);
        await services.GetRequiredService<TlsSecretWriter>().WriteAsync(
            new CertificateRef(ScanTestServices.Cluster, ns, "owner"), "shared-tls", chain, key,
            new TlsSecretMetadata(ScanTestServices.Directory, DateTimeOffset.UtcNow.AddDays(50)), allowAdopt: false, CancellationToken.None);

        var report = await services.GetRequiredService<RenewalScanner>().ScanAsync(CancellationToken.None);

        Assert.DoesNotContain(gateway.Started, r => r.Certificate.Namespace == ns);
        Assert.True(report.SharedSecret >= 2, $"shared {report.SharedSecret}");
        var events = (await client.CoreV1.ListNamespacedEventAsync(ns)).Items;
        var warning = Assert.Single(events, e => e.Reason == "SecretInUse");
        Assert.Equal("other", warning.InvolvedObject.Name);
        Assert.Equal("Warning", warning.Type);
        Assert.Contains("for Ingress owner", warning.Message, StringComparison.Ordinal);
        Assert.Contains("other.shared.example.test", warning.Message, StringComparison.Ordinal);

        // The owner stops opting in: the Ingress that lacks its host in the certificate takes the Secret over.
        await client.NetworkingV1.PatchNamespacedIngressAsync(
            new V1Patch("""{"metadata":{"annotations":{"certfunctions.io/enabled":"false"}}}""", V1Patch.PatchType.MergePatch), "owner", ns);

        await services.GetRequiredService<RenewalScanner>().ScanAsync(CancellationToken.None);

        var started = Assert.Single(gateway.Started, r => r.Certificate.Namespace == ns);
        Assert.Equal("other", started.Certificate.Ingress);
    }

    private static Task<V1Ingress> CreateAsync(IKubernetes client, string ns, string name, string host) =>
        Objects.CreateIngressAsync(client, ns, Ingresses.Create(
            name,
            ns,
            new Dictionary<string, string> { ["certfunctions.io/enabled"] = "true" },
            [host],
            [new V1IngressTLS { Hosts = [host], SecretName = "shared-tls" }]));
}
