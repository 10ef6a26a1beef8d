using System.Text;
using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Testing.Certificates;
using CertFunctions.Testing.Kubernetes;
using k8s;
using k8s.Models;

namespace CertFunctions.Core.Tests.Kubernetes.Integration;

/// <summary>The renewal scan's listing of our Secrets: every one exactly once across pages, nothing else.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class ManagedSecretListingTests(KubeApiEmulatorFixture emulator)
{
    [Fact]
    public async Task Every_managed_secret_of_a_namespace_is_listed_once_across_pages_and_unreadable_or_foreign_ones_are_left_out()
    {
        var ns = await emulator.CreateNamespaceAsync("listing");
        using var client = emulator.CreateKubernetesClient();
        var (chain, key, serial) = TestCertificateAuthority.Shared.Issue(["list.example.test"]);
        var count = DeployedCertificateReader.PageSize + 20;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await client.CoreV1.CreateNamespacedSecretAsync(Secret($"tls-{i:D4}", chain, key, managed: true), ns, cancellationToken: ct));
        await client.CoreV1.CreateNamespacedSecretAsync(Secret("not-ours", chain, key, managed: false), ns);
        await client.CoreV1.CreateNamespacedSecretAsync(Secret("garbled", "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n", key, managed: true), ns);
        using var host = KubernetesTestHost.Create(emulator);

        var listed = new List<DeployedCertificate>();
        await foreach (var deployed in host.Get<DeployedCertificateReader>().ListManagedAsync(KubernetesTestHost.Cluster, ns, CancellationToken.None))
        {
            if (deployed.Namespace == ns)
            {
                listed.Add(deployed);
            }
        }

        Assert.Equal(count, listed.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"tls-{i:D4}"), listed.Select(d => d.SecretName).Order(StringComparer.Ordinal));
        Assert.All(listed, d =>
        {
            Assert.Equal(serial, d.Serial);
            Assert.Equal(["list.example.test"], d.DnsNames);
            Assert.True(d.ManagedByUs);
            Assert.NotNull(d.AriCertificateId);
        });
    }

    private static V1Secret Secret(string name, string chain, string key, bool managed) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = managed ? new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "certfunctions" } : null,
        },
        Type = "kubernetes.io/tls",
        Data = new Dictionary<string, byte[]> { ["tls.crt"] = Encoding.UTF8.GetBytes(chain), ["tls.key"] = Encoding.UTF8.GetBytes(key) },
    };
}
