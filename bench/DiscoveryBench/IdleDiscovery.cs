using System.Diagnostics;
using System.Globalization;
using System.Text;
using CertFunctions.Core.DependencyInjection;
using CertFunctions.Core.Discovery;
using CertFunctions.Testing.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DiscoveryBench;

/// <summary>
/// An idle discovery run over N opted-in Ingresses in the emulator: the state of a previous run is in Azurite, nothing changed,
/// so the run is its metadata lists only; then one Ingress changes and the run costs one more read.
/// </summary>
internal static class IdleDiscovery
{
    /// <summary>Figures of one measurement.</summary>
    public sealed record Figures(int Count, int Namespaces, DiscoveryReport Cold, DiscoveryReport Idle, double IdleCpuSeconds, double IdleWallSeconds, DiscoveryReport OneChange, double OneChangeWallSeconds, int Started);

    public static async Task<Figures> MeasureAsync(string work, string storage, int count, CancellationToken cancellationToken)
    {
        const int namespaces = 100;
        var seed = Path.Combine(work, "seed.yaml");
        var yaml = new StringBuilder(count * 600);
        for (var n = 0; n < namespaces; n++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: disc-{n:000}\n---\n");
        }

        for (var i = 0; i < count; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: web-{i:00000}
                  namespace: disc-{i % namespaces:000}
                  annotations:
                    certfunctions.io/enabled: "true"
                spec:
                  rules:
                  - host: web-{i:00000}.disc.example.test
                    http:
                      paths:
                      - path: /
                        pathType: Prefix
                        backend:
                          service:
                            name: web
                            port:
                              number: 80
                ---

                """);
        }

        await File.WriteAllTextAsync(seed, yaml.ToString(), cancellationToken);
        var emulator = new BenchEmulator(seed);
        await emulator.InitializeAsync();
        try
        {
            return await MeasureAsync(emulator, storage, count, namespaces, cancellationToken);
        }
        finally
        {
            await emulator.DisposeAsync();
        }
    }

    private static async Task<Figures> MeasureAsync(KubeApiEmulatorFixture emulator, string storage, int count, int namespaces, CancellationToken cancellationToken)
    {
        var gateway = new CountingGateway();
        await using var services = Build(emulator.KubeconfigPath, storage, gateway);
        var scanner = services.GetRequiredService<DiscoveryScanner>();

        // The state a previous run left: every object at its uid and generation (a cold run reads all 10,000 once).
        var states = services.GetRequiredService<DiscoveryStateStore>();
        var known = new Dictionary<string, DiscoveredState>(StringComparer.Ordinal);
        var lists = services.GetRequiredService<MetadataLists>();
        await foreach (var ingress in lists.IngressesAsync("default", () => { }, cancellationToken))
        {
            known[ingress.Namespace + "/" + ingress.Name] = new DiscoveredState(ingress.Uid, ingress.Version, ingress.Name + "-tls", null);
        }

        await states.WriteAsync("default", known, cancellationToken);
        var cold = await scanner.RunAsync(cancellationToken);

        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var idle = await scanner.RunAsync(cancellationToken);
        wall.Stop();
        process.Refresh();
        var idleCpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;

        using var client = emulator.CreateKubernetesClient();
        await client.NetworkingV1.PatchNamespacedIngressAsync(
            new V1Patch("""{"spec":{"rules":[{"host":"changed.disc.example.test","http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"web","port":{"number":80}}}}]}}]}}""", V1Patch.PatchType.MergePatch),
            "web-00007", "disc-007", cancellationToken: cancellationToken);
        var changeWall = Stopwatch.StartNew();
        var oneChange = await scanner.RunAsync(cancellationToken);
        changeWall.Stop();
        return new Figures(count, namespaces, cold, idle, idleCpu, wall.Elapsed.TotalSeconds, oneChange, changeWall.Elapsed.TotalSeconds, gateway.Started.Count);
    }

    private static ServiceProvider Build(string kubeconfigPath, string storage, CountingGateway gateway)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = storage,
                ["Kubernetes:DefaultCluster"] = "default",
                ["Kubernetes:Clusters:default:KubeconfigPath"] = kubeconfigPath,
                ["Acme:DirectoryUrl"] = "https://127.0.0.1:14000/dir",
                ["Acme:Email"] = "bench@example.test",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddCertFunctionsCore(configuration);
        services.AddSingleton<CertFunctions.Core.Hosting.IOrchestrationGateway>(gateway).AddCertFunctionsOrchestrationClients();
        return services.BuildServiceProvider();
    }
}

/// <summary>The shared emulator fixture, started with the benchmark's seed file.</summary>
internal sealed class BenchEmulator(string seedPath) : KubeApiEmulatorFixture(new KubeApiEmulatorOptions { SeedPaths = [seedPath], Verbose = false });
