using Azure.Core;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Tests.Kubernetes.Support;
using CertFunctions.Testing.Kubernetes;
using k8s;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Core.Tests.Kubernetes.Integration;

[Collection(KubeApiEmulatorCollection.Name)]
public sealed class AzureAdAccessTests(KubeApiEmulatorFixture emulator)
{
    [Fact]
    public async Task AzureAd_clusters_use_server_ca_and_a_managed_identity_token_for_the_aks_audience()
    {
        var ns = await emulator.CreateNamespaceAsync("aad");
        using var client = emulator.CreateKubernetesClient();
        await Objects.CreateIngressAsync(client, ns, Ingresses.Create());
        var kubeconfig = await KubernetesClientConfiguration.LoadKubeConfigAsync(new FileInfo(emulator.KubeconfigPath));
        var credential = new EmulatorTokenCredential(emulator.Token);
        using var host = KubernetesTestHost.Create(
            emulator,
            new Dictionary<string, string?>
            {
                ["Kubernetes:Clusters:aks:Authentication"] = "AzureAd",
                ["Kubernetes:Clusters:aks:Server"] = emulator.ApiUri.ToString(),
                ["Kubernetes:Clusters:aks:CertificateAuthorityData"] = kubeconfig.Clusters.Single().ClusterEndpoint.CertificateAuthorityData,
                ["Kubernetes:Clusters:aks:ManagedIdentityClientId"] = "00000000-0000-0000-0000-000000000001",
            },
            configure: services => services.AddSingleton<IAzureTokenCredentialFactory>(new FixedCredentialFactory(credential)));

        var spec = await host.Get<IngressCertificateReader>().ReadAsync(new CertificateRef("aks", ns, "web"), CancellationToken.None);
        await host.Get<IngressCertificateReader>().ReadAsync(new CertificateRef("aks", ns, "web"), CancellationToken.None);

        Assert.Equal(["www.example.com"], spec.Hosts);
        Assert.Equal([KubernetesOptions.AksServerScope], credential.Scopes);
        Assert.Equal(2, credential.Calls); // asked per request: the Azure.Identity credential caches its token
    }

    private sealed class FixedCredentialFactory(TokenCredential credential) : IAzureTokenCredentialFactory
    {
        public TokenCredential Create(string cluster, KubernetesClusterOptions settings)
        {
            Assert.Equal("00000000-0000-0000-0000-000000000001", settings.ManagedIdentityClientId);
            return credential;
        }
    }

    private sealed class EmulatorTokenCredential(string token) : TokenCredential
    {
        public string[] Scopes { get; private set; } = [];

        public int Calls { get; private set; }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes = requestContext.Scopes;
            Calls++;
            return ValueTask.FromResult(new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1)));
        }
    }
}
