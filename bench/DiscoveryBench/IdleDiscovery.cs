using System.Diagnostics;
using CertFunctions.Core.Discovery;
using CertFunctions.Core.Kubernetes.Listing;
using CertFunctions.Testing.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

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
        var yaml = new SeedYaml(count * 600);
        for (var n = 0; n < namespaces; n++)
        {
            yaml.Namespace($"disc-{n:000}");
        }

        for (var i = 0; i < count; i++)
        {
            yaml.Ingress($"disc-{i % namespaces:000}", $"web-{i:00000}", $"web-{i:00000}.disc.example.test", null);
        }

        var seed = yaml.WriteTo(Path.Combine(work, "seed.yaml"));
        var emulator = new SeededEmulator(seed);
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
        var gateway = new CountingOrchestrationGateway();
        await using var services = CoreServices.Build(emulator.KubeconfigPath, storage, gateway);
        var scanner = services.GetRequiredService<DiscoveryScanner>();

        // The state a previous run left: every object at its uid and generation (a cold run reads all 10,000 once).
        var states = services.GetRequiredService<DiscoveryStateStore>();
        var known = new Dictionary<string, DiscoveredState>(StringComparer.Ordinal);
        var lists = services.GetRequiredService<ObjectLists>();
        await foreach (var ingress in lists.MetadataAsync("default", ListedKind.Ingresses, null, null, cancellationToken))
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
        return new Figures(count, namespaces, cold, idle, idleCpu, wall.Elapsed.TotalSeconds, oneChange, changeWall.Elapsed.TotalSeconds, gateway.Starts);
    }
}
