using System.Diagnostics;
using CertFunctions.Core.Renewal;
using CertFunctions.Testing.Kubernetes;
using Microsoft.Extensions.DependencyInjection;

namespace RenewalScanBench;

/// <summary>Seeds an emulator with N Ingresses, then times RenewalScanner.ScanAsync in this process.</summary>
internal sealed class ScanMeasurer(string workDirectory, string storageConnectionString, int warmRuns)
{
    /// <summary>Measures one size: a first scan on a fresh provider, then <c>warmRuns</c> more, then the list-based comparison.</summary>
    public async Task<ScanSize> MeasureAsync(int count, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var seedWatch = Stopwatch.StartNew();
        var loadBefore = Machine.LoadAverage();
        var seed = ScanSeedWriter.Write(workDirectory, count, now);
        Console.WriteLine($"[{count}] seed written in {seedWatch.Elapsed.TotalSeconds:0.0} s ({new FileInfo(seed).Length / 1024 / 1024} MiB)");

        await using var emulator = new SeededEmulator(seed);
        var startWatch = Stopwatch.StartNew();
        await emulator.InitializeAsync();
        var startup = startWatch.Elapsed;
        var afterSeed = ProcessMemory.Read(emulator.ProcessId);
        Console.WriteLine($"[{count}] emulator seeded in {startup.TotalSeconds:0.0} s, RSS {afterSeed.ResidentMiB:0} MiB");

        var gateway = new CountingOrchestrationGateway();
        var runs = new List<ScanRun>();
        await using (var provider = CoreServices.Build(emulator.KubeconfigPath, storageConnectionString, gateway, new Dictionary<string, string?> { ["Renewal:MaxStartJitter"] = "00:00:00" }))
        {
            var scanner = provider.GetRequiredService<RenewalScanner>();
            for (var run = 0; run <= warmRuns; run++)
            {
                var result = await TimeScanAsync(emulator, scanner, gateway, cancellationToken);
                runs.Add(result);
                Console.WriteLine(
                    $"[{count}] scan {run}: {result.Elapsed.TotalMilliseconds:0} ms (CPU {result.Cpu.TotalMilliseconds:0} ms), scanned {result.Report.Scanned}, due {result.Report.Due}, started {result.Report.Started} "
                    + $"(gateway {result.DistinctStarts}), problems {result.Report.Problems.Count}, peak RSS {result.PeakRssMiB:0} MiB, peak heap {result.PeakHeapMiB:0} MiB, "
                    + $"API requests {result.ApiRequests.Values.Sum()}");
            }
        }

        var listRuns = new List<ListBasedRun>();
        using (var client = emulator.CreateKubernetesClient())
        {
            for (var run = 0; run <= warmRuns; run++)
            {
                foreach (var (selector, leafOnly) in new[] { ((string?)null, false), (ListBasedScan.ManagedSelector, false), (ListBasedScan.ManagedSelector, true) })
                {
                    var result = await ListBasedScan.RunAsync(client, selector, leafOnly, cancellationToken);
                    listRuns.Add(result);
                    Console.WriteLine($"[{count}] list-based comparison {run} (selector: {result.WithSelector}, leaf only: {leafOnly}): {result.Elapsed.TotalMilliseconds:0} ms "
                        + $"(parsing {result.Parsing.TotalMilliseconds:0} ms, CPU {result.Cpu.TotalMilliseconds:0} ms), {result.Parsed} certificates in {result.Pages} pages");
                }
            }
        }

        var afterScans = ProcessMemory.Read(emulator.ProcessId);
        return new ScanSize(count, ScanSeedWriter.DueCount(count), new FileInfo(seed).Length, startup, afterSeed, afterScans, runs, listRuns, loadBefore, Machine.LoadAverage());
    }

    private static async Task<ScanRun> TimeScanAsync(
        KubeApiEmulatorFixture emulator, RenewalScanner scanner, CountingOrchestrationGateway gateway, CancellationToken cancellationToken)
    {
        await emulator.ResetAuditAsync(cancellationToken);
        gateway.Reset();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var baseline = ProcessMemory.Read(Environment.ProcessId).ResidentMiB ?? 0;
        ProcessMemory.ResetPeak();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        RenewalScanReport report;
        TimeSpan elapsed;
        long peakHeap;
        await using (var sampler = HeapSampler.Start())
        {
            var stopwatch = Stopwatch.StartNew();
            report = await scanner.ScanAsync(cancellationToken);
            elapsed = stopwatch.Elapsed;
            peakHeap = sampler.PeakBytes;
        }

        process.Refresh();
        var cpuTime = process.TotalProcessorTime - cpu;
        var peak = ProcessMemory.Read(Environment.ProcessId).PeakMiB ?? 0;
        var allocatedMiB = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / 1024.0;
        var audit = await emulator.GetAuditAsync(cancellationToken);
        var requests = audit
            .GroupBy(a => $"{a.Verb} {a.Resource}")
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new ScanRun(elapsed, cpuTime, report, gateway.DistinctStarts, baseline, peak, peakHeap / 1024.0 / 1024.0, allocatedMiB, requests);
    }
}
