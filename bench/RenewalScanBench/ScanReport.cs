using System.Globalization;
using System.Text;

namespace RenewalScanBench;

/// <summary>Builds the markdown results: figures per size and whether each target of issue 6 is met.</summary>
internal static class ScanReport
{
    private const double TargetSeconds = 10;
    private const double TargetMiB = 400;
    private const double TargetRatio = 12;

    public static string Build(IReadOnlyList<ScanSize> sizes, string command, string source)
    {
        var text = new StringBuilder();
        text.AppendLine("# Renewal scan benchmark (issue 6)").AppendLine();
        text.AppendLine(Inv($"- Recorded {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `{command}`."));
        text.AppendLine(Inv($"- Machine: {Machine.Describe()}."));
        text.AppendLine(Inv($"- Product code measured: commit {source}."));
        text.AppendLine("- What runs: `RenewalScanner.ScanAsync` in the benchmark process, services built with `AddCertFunctionsCore(configuration)` "
            + "(kubeconfig of tools/KubeApiEmulator, Azurite for the state container), a counting `IOrchestrationGateway` that starts nothing. "
            + "Emulator and Azurite are separate processes on the same 2-CPU machine, HTTPS over loopback.");
        text.AppendLine("- Data: opted-in objects (`certfunctions.io/enabled: \"true\"`) over 100 namespaces, one in five a Gateway with an HTTP listener and two HTTPS listeners naming a Secret each (\"objects\" counts Ingresses + Gateways; a due Gateway has one due Secret), the others Ingresses with one Secret each; every Secret a managed `kubernetes.io/tls` Secret "
            + "(`app.kubernetes.io/managed-by: certfunctions`, real ECDSA leaf + intermediate in `tls.crt`, `certfunctions.io/renew-after` 30 days ahead); "
            + "one in a hundred has `renew-after` in the past (due). Seeded from one YAML file with `--seed`.");
        text.AppendLine("- Memory of the scanning process: **peak RSS** = `VmHWM` of the benchmark process, reset (`/proc/self/clear_refs` = 5) after a full GC right before the scan; "
            + "the process holds nothing else of size. Peak managed heap = largest `GC.GetTotalMemory(false)` sampled every 5 ms. Emulator memory = its `VmRSS`/`VmHWM`.");
        text.AppendLine("- First scan = first call on a fresh ServiceProvider (new Kubernetes client and connections; the 1,000 run is also the first JIT of the process). Warm = later calls.").AppendLine();

        text.AppendLine("| objects (Gateways) | first scan (s) | warm median (s) | warm runs (s) | CPU per warm scan (s, median) | peak RSS (MiB) | RSS before (MiB) | peak heap (MiB) | allocated per scan (MiB) | API requests per scan | scanned | due (seeded) | started (gateway) | problems |");
        text.AppendLine("|---:|---:|---:|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|");
        foreach (var size in sizes)
        {
            var last = size.Runs[^1];
            var requests = string.Join(", ", last.ApiRequests.OrderByDescending(kv => kv.Value).Select(kv => Inv($"{kv.Value} {kv.Key}")));
            text.AppendLine(Inv(
                $"| {size.Ingresses:N0} ({ScanSeedWriter.GatewayCount(size.Ingresses):N0}) | {size.First.Elapsed.TotalSeconds:0.000} | {size.WarmMedian.TotalSeconds:0.000} | {string.Join(", ", size.Warm.Select(r => r.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)))} | {ScanSize.Median(size.Warm.Select(r => r.Cpu)).TotalSeconds:0.000} | {size.MaxPeakRssMiB:0} | {last.BaselineRssMiB:0} | {size.Runs.Max(r => r.PeakHeapMiB):0} | {last.AllocatedMiB:0} | {requests} | {last.Report.Scanned} | {last.Report.Due} ({size.SeededDue}) | {last.Report.Started} ({last.DistinctStarts}) | {size.Runs.Max(r => r.Report.Problems.Count)} |"));
        }

        text.AppendLine().AppendLine("Emulator (its own process):").AppendLine();
        text.AppendLine("| objects | seed YAML (MiB) | start-up incl. seeding (s) | RSS after seeding (MiB) | RSS after the scans (MiB) | peak RSS (MiB) |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var size in sizes)
        {
            text.AppendLine(Inv(
                $"| {size.Ingresses:N0} | {size.SeedBytes / 1024.0 / 1024.0:0.0} | {size.EmulatorStartup.TotalSeconds:0.0} | {size.EmulatorAfterSeed.ResidentMiB:0} | {size.EmulatorAfterScans.ResidentMiB:0} | {size.EmulatorAfterScans.PeakMiB:0} |"));
        }

        text.AppendLine().AppendLine("Comparison (not product code): the same Secrets read as paged lists (limit 500, all namespaces) with every `tls.crt` parsed on one thread, "
            + "instead of one GET per Ingress (the scanner's approach before commit f9512bf); without and with `labelSelector=app.kubernetes.io/managed-by=certfunctions`. Warm = median of the passes after the first.").AppendLine();
        text.AppendLine("| objects | selector | parsed | first (s) | warm median (s) | of which parsing (s) | CPU (s) | pages | scan warm median / this |");
        text.AppendLine("|---:|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var size in sizes)
        {
            foreach (var group in size.ListBasedRuns.GroupBy(r => (r.WithSelector, r.LeafOnly)))
            {
                var runs = group.ToList();
                var warm = runs.Skip(1).OrderBy(r => r.Elapsed).ElementAt((runs.Count - 1) / 2);
                text.AppendLine(Inv($"| {size.Ingresses:N0} | {(group.Key.WithSelector ? "managed-by" : "none")} | {(group.Key.LeafOnly ? "leaf only" : "whole chain")} | {runs[0].Elapsed.TotalSeconds:0.000} | {warm.Elapsed.TotalSeconds:0.000} | {warm.Parsing.TotalSeconds:0.000} | {warm.Cpu.TotalSeconds:0.000} | {warm.Pages} | {size.WarmMedian / warm.Elapsed:0.0} |"));
            }
        }

        text.AppendLine().AppendLine("Load average (1/5/15 min) around each size — the machine is shared with other engineers' builds and tests, so absolute times are noisy:").AppendLine();
        foreach (var size in sizes)
        {
            text.AppendLine(Inv($"- {size.Ingresses:N0}: before {size.LoadBefore}, after {size.LoadAfter}"));
        }

        text.AppendLine().AppendLine("## Targets").AppendLine();
        var largest = sizes.MaxBy(s => s.Ingresses)!;
        var smallest = sizes.MinBy(s => s.Ingresses)!;
        var worst = Math.Max(largest.First.Elapsed.TotalSeconds, largest.WarmMedian.TotalSeconds);
        text.AppendLine(Inv($"- {largest.Ingresses:N0} objects ({ScanSeedWriter.GatewayCount(largest.Ingresses):N0} Gateways) scanned in at most {TargetSeconds} s: first {largest.First.Elapsed.TotalSeconds:0.00} s, warm median {largest.WarmMedian.TotalSeconds:0.00} s — **{Met(worst <= TargetSeconds)}**."));
        text.AppendLine(Inv($"- Peak memory of the scanning process at most {TargetMiB} MB: peak RSS {largest.MaxPeakRssMiB:0} MiB ({largest.MaxPeakRssMiB * 1.048576:0} MB) — **{Met(largest.MaxPeakRssMiB * 1.048576 <= TargetMiB)}**."));
        if (sizes.Count > 1)
        {
            var ratio = largest.WarmMedian / smallest.WarmMedian;
            var firstRatio = largest.First.Elapsed / smallest.First.Elapsed;
            text.AppendLine(Inv($"- {largest.Ingresses:N0} run at most {TargetRatio} times the {smallest.Ingresses:N0} run: warm medians {ratio:0.0}x (first scans {firstRatio:0.0}x) — **{Met(ratio <= TargetRatio)}**."));
        }

        var countsAgree = sizes.All(s => s.Runs.All(r => r.Report.Due == s.SeededDue && r.Report.Started == r.Report.Due && r.DistinctStarts == r.Report.Due));
        text.AppendLine(Inv($"- Due certificates started: every scan reported due = seeded due, started = due, and the gateway saw exactly that many distinct instance ids — **{Met(countsAgree)}**."));
        text.AppendLine().AppendLine("Figures, not assertions: no test depends on them.");
        return text.ToString();
    }

    private static string Met(bool met) => met ? "met" : "NOT met";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
