using System.Net;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Core.Renewal.Scan;
using CertFunctions.Core.Tests.Kubernetes.Integration;
using CertFunctions.Core.Tests.Kubernetes.Support;
using CertFunctions.Testing.Certificates;
using CertFunctions.Testing.Kubernetes;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Core.Tests.Renewal.Scan;

/// <summary>The scan's inventory of a cluster: our Secrets read only where objects opt in, a forbidden namespace reported.</summary>
[Collection(KubeApiEmulatorCollection.Name)]
public sealed class ClusterInventoryReaderTests(KubeApiEmulatorFixture emulator)
{
    [Fact]
    public async Task Secrets_are_listed_only_in_namespaces_with_opted_in_ingresses_and_a_forbidden_one_is_reported()
    {
        var readable = await SeedAsync("inv-ok", optIn: true);
        var forbidden = await SeedAsync("inv-denied", optIn: true);
        var quiet = await SeedAsync("inv-quiet", optIn: false);
        using var host = KubernetesTestHost.Create(
            emulator,
            handler: () => new ForbiddenSecretsHandler(forbidden),
            configure: s => s.AddSingleton<ClusterInventoryReader>());
        await emulator.ResetAuditAsync();

        var inventory = await host.Get<ClusterInventoryReader>().ReadAsync(KubernetesTestHost.Cluster, CancellationToken.None);

        Assert.Contains((readable, "web-tls"), inventory.Managed.Keys);
        Assert.DoesNotContain(inventory.Managed.Keys, k => k.Namespace == forbidden || k.Namespace == quiet);
        Assert.Contains("forbidden", inventory.UnreadableNamespaces[forbidden], StringComparison.OrdinalIgnoreCase);
        Assert.Contains(new CertificateRef(KubernetesTestHost.Cluster, forbidden, "web"), inventory.OptedIn);
        var secretLists = (await emulator.GetAuditAsync()).Where(e => e.Resource == "secrets" && e.Verb == "list").ToList();
        Assert.DoesNotContain(secretLists, e => string.IsNullOrEmpty(e.Namespace));
        Assert.DoesNotContain(secretLists, e => e.Namespace == quiet);
    }

    private async Task<string> SeedAsync(string prefix, bool optIn)
    {
        var ns = await emulator.CreateNamespaceAsync(prefix);
        using var client = emulator.CreateKubernetesClient();
        var host = $"{ns}.inventory.example.test";
        await Objects.CreateIngressAsync(client, ns, Ingresses.Create(
            "web", ns, new Dictionary<string, string> { ["certfunctions.io/enabled"] = optIn ? "true" : "false" }, [host]));
        using var services = KubernetesTestHost.Create(emulator);
        var (chain, key, _) = TestCertificateAuthority.Shared.Issue([host]);
        await services.Get<TlsSecretWriter>().WriteAsync(
            new CertificateRef(KubernetesTestHost.Cluster, ns, "web"), "web-tls", chain, key, new TlsSecretMetadata("https://ca.example.test/dir", null), allowAdopt: false, CancellationToken.None);
        return ns;
    }

    /// <summary>Answers 403 for listing Secrets in one namespace, as a cluster that grants Secrets per namespace does.</summary>
    private sealed class ForbiddenSecretsHandler(string @namespace) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath == $"/api/v1/namespaces/{@namespace}/secrets")
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Forbidden)
                {
                    RequestMessage = request,
                    Content = new StringContent(
                        $$"""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"secrets is forbidden: User \"certfunctions\" cannot list resource \"secrets\" in API group \"\" in the namespace \"{{@namespace}}\"","reason":"Forbidden","code":403}""",
                        System.Text.Encoding.UTF8,
                        "application/json"),
                });
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
