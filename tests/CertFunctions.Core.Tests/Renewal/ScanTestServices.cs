using CertFunctions.Core.Certificates;
using CertFunctions.Core.DependencyInjection;
using CertFunctions.Core.Hosting;
using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Core.Tests.Kubernetes.Support;
using CertFunctions.Testing.Certificates;
using CertFunctions.Testing.Kubernetes;
using CertFunctions.Testing.Storage;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Core.Tests.Renewal;

/// <summary>The product's Core services against the emulator (cluster "emu") and Azurite, with the orchestration seam at the boundary.</summary>
internal static class ScanTestServices
{
    public const string Cluster = "emu";
    public const string Directory = "https://ca.example.test/dir";

    /// <summary>Builds the container; <paramref name="settings"/> override the defaults (no start jitter, no issuance for discovered Ingresses).</summary>
    public static ServiceProvider Build(
        KubeApiEmulatorFixture emulator,
        AzuriteFixture azurite,
        IOrchestrationGateway gateway,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Kubernetes:DefaultCluster"] = Cluster,
            [$"Kubernetes:Clusters:{Cluster}:KubeconfigPath"] = emulator.KubeconfigPath,
            ["Challenge:ResponderExternalName"] = "127.0.0.1",
            ["Challenge:ResponderServicePort"] = "7071",
            ["Acme:DirectoryUrl"] = Directory,
            ["Acme:Email"] = "ops@example.test",
            ["Renewal:MaxStartJitter"] = "00:00:00",
            ["Renewal:IssueForDiscovered"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddCertFunctionsCore(configuration);
        configure?.Invoke(services);
        services.AddSingleton(gateway).AddCertFunctionsOrchestrationClients();
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// Creates a namespace with an opted-in Ingress "web" for one host and a certificate of ours in Secret "web-tls",
    /// as an issuance would have left it; returns the namespace and the deployed certificate as the scan reads it.
    /// </summary>
    public static async Task<(string Namespace, DeployedCertificate Deployed)> SeedIssuedAsync(
        KubeApiEmulatorFixture emulator,
        IServiceProvider services,
        string prefix,
        DateTimeOffset plannedRenewal,
        TimeSpan? lifetime = null)
    {
        var ns = await emulator.CreateNamespaceAsync(prefix);
        using var client = emulator.CreateKubernetesClient();
        var host = $"{prefix}.scan.example.test";
        var ingress = Ingresses.Create(
            "web",
            ns,
            new Dictionary<string, string> { ["certfunctions.io/enabled"] = "true" },
            [host],
            [new V1IngressTLS { Hosts = [host], SecretName = "web-tls" }]);
        ingress.Metadata.ResourceVersion = null;
        await client.NetworkingV1.CreateNamespacedIngressAsync(ingress, ns);

        var certificate = new CertificateRef(Cluster, ns, "web");
        var (chain, key, _) = TestCertificateAuthority.Shared.Issue([host], lifetime);
        await services.GetRequiredService<TlsSecretWriter>().WriteAsync(
            certificate, "web-tls", chain, key, new TlsSecretMetadata(Directory, plannedRenewal), allowAdopt: false, CancellationToken.None);
        var deployed = await services.GetRequiredService<DeployedCertificateReader>().ReadAsync(certificate, "web-tls", CancellationToken.None);
        return (ns, deployed ?? throw new InvalidOperationException("The seeded certificate could not be read back."));
    }

    /// <summary>
    /// Creates a namespace with an opted-in Gateway "web" (an HTTP listener, and per entry an HTTPS listener for
    /// "&lt;listener&gt;.&lt;namespace&gt;.example.test" naming Secret "&lt;listener&gt;-tls") and our certificate in each Secret, as a run would have left them.
    /// </summary>
    public static async Task<string> SeedIssuedGatewayAsync(
        KubeApiEmulatorFixture emulator, IServiceProvider services, string prefix, params (string Listener, DateTimeOffset PlannedRenewal)[] secrets)
    {
        var ns = await emulator.CreateNamespaceAsync(prefix);
        using var client = emulator.CreateKubernetesClient();
        await GatewayObjects.ApplyAsync(
            client, ns, GatewayObjects.EmulatorController, [GatewayObjects.Http("http"), .. secrets.Select(s => GatewayObjects.Https(s.Listener, $"{s.Listener}.{ns}.example.test", s.Listener + "-tls"))]);
        var web = CertificateRef.ForGateway(Cluster, ns, "web");
        foreach (var (listener, planned) in secrets)
        {
            var (chain, key, _) = TestCertificateAuthority.Shared.Issue([$"{listener}.{ns}.example.test"]);
            await services.GetRequiredService<TlsSecretWriter>().WriteAsync(
                web.ForSecret(ns, listener + "-tls"), listener + "-tls", chain, key, new TlsSecretMetadata(Directory, planned), allowAdopt: false, CancellationToken.None);
        }

        return ns;
    }
}
