using System.Collections.Concurrent;
using System.Diagnostics;
using CertFunctions.Testing.LocalWorld;

namespace LocalHostBench;

/// <summary>
/// N Ingresses (one name each, one namespace) requested at once through the API; statuses are swept continuously
/// (8 GETs in flight, a pause between sweeps) to find the most operations Running at the same time; then every Secret is checked.
/// </summary>
internal sealed class BurstRunner(LocalWorld world)
{
    public async Task<BurstResult> RunAsync(int count, int pollingIntervalMs, IReadOnlyDictionary<string, string> settings, TimeSpan sampleInterval, CancellationToken cancellationToken)
    {
        await using var host = await HostRun.StartAsync(world, pollingIntervalMs, "burst", settings);
        var issuer = new HostIssuer(host);
        using var client = world.Emulator.CreateKubernetesClient();
        const string ns = "burst";
        await BenchIngresses.CreateNamespaceAsync(client, ns, cancellationToken);
        var names = Enumerable.Range(0, count).Select(i => $"app-{i:00}").ToList();
        foreach (var name in names)
        {
            await BenchIngresses.CreateAsync(client, ns, name, $"{name}.burst.bench.test", cancellationToken);
        }

        var processes = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["local host"] = host.ProcessId,
            ["KubeApiEmulator"] = world.Emulator.ProcessId,
            ["Azurite"] = world.Azurite.ProcessId,
            ["benchmark (client)"] = Environment.ProcessId,
        };
        var cpuBefore = processes.ToDictionary(p => p.Key, p => ProcessCpu.Read(p.Value));
        var stopwatch = Stopwatch.StartNew();
        var operations = await Task.WhenAll(names.Select(name => issuer.RequestAsync(ns, name, cancellationToken)));
        var postsDone = stopwatch.Elapsed;
        var latest = new ConcurrentDictionary<Uri, OperationStatus>();
        var peakRunning = 0;
        var samples = 0;
        while (latest.Count < count || latest.Values.Any(s => !s.IsFinal))
        {
            await Parallel.ForEachAsync(
                operations.Where(o => !latest.TryGetValue(o, out var s) || !s.IsFinal),
                new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (operation, ct) => latest[operation] = await issuer.GetAsync(operation, ct));
            samples++;
            peakRunning = Math.Max(peakRunning, latest.Values.Count(s => s.Status == "Running"));
            await Task.Delay(sampleInterval, cancellationToken); // each status GET is a storage query on the host: keep the sampler's own load small
            if (stopwatch.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException("The burst did not finish in 10 minutes.");
            }
        }

        var allFinal = stopwatch.Elapsed;
        var cpu = processes.ToDictionary(
            p => p.Key,
            p => ProcessCpu.Read(p.Value) is { } after && cpuBefore[p.Key] is { } before ? after - before : (TimeSpan?)null,
            StringComparer.Ordinal);
        var finals = latest.Values.ToList();
        var makespan = finals.Max(s => s.LastUpdatedAt ?? DateTimeOffset.MinValue) - finals.Min(s => s.CreatedAt ?? DateTimeOffset.MaxValue);
        var secrets = await BenchIngresses.ManagedSecretsAsync(client, ns, cancellationToken);
        var failures = finals.Where(s => s.Status != "Completed").Select(s => s.Json).Take(3).ToList();
        Console.WriteLine($"[burst {count}] posts {postsDone.TotalMilliseconds:0} ms, all final {allFinal.TotalSeconds:0.0} s, server makespan {makespan.TotalSeconds:0.0} s, peak running {peakRunning}, "
            + $"completed {finals.Count(s => s.Status == "Completed")}, secrets {secrets.Count}");
        foreach (var failure in failures)
        {
            Console.WriteLine("  not completed: " + failure);
        }

        return new BurstResult(pollingIntervalMs, settings, sampleInterval, count, postsDone, allFinal, makespan, peakRunning, samples,
            finals.Count(s => s.Status == "Completed"), finals.Count(s => s.Status != "Completed"), secrets.Count, failures, cpu);
    }
}
