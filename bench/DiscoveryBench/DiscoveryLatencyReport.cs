using System.Globalization;
using System.Text;
using CertFunctions.Testing.Processes;

namespace DiscoveryBench;

/// <summary>The markdown of a <see cref="DiscoveryLatency"/> measurement: figures, the issue's check computed from them, and the runs.</summary>
internal static class DiscoveryLatencyReport
{
    public static string Write(DiscoveryLatency.Figures figures, string command)
    {
        var period = figures.Ticks.PeriodSeconds;
        var applies = figures.Applies;
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"# Discovery without the admission webhook ({DateTime.UtcNow:yyyy-MM-dd})");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Source: {SourceVersion.Describe(ProgramLocator.RepositoryRoot, "functions/CertFunctions.Core")}. Machine: {Machine.Describe()}.");
        report.AppendLine(CultureInfo.InvariantCulture, $"Run: `{command}` (dotnet run -c Release --project bench/DiscoveryBench).");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"## Local world, no webhook, discovery every {period} s (`DiscoverySchedule` = `{figures.Ticks.Cron}`)");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Real emulator, real local host, real Pebble, Azurite; ValidatingWebhookConfigurations in the cluster: {figures.WebhookConfigurations}; renewal timer off (`Local:RunRenewalTimer=false`), so only the discovery timer (`Local:RunDiscoveryTimer=true`) starts issuances. {figures.Requested} new opted-in Ingresses applied one at a time with `kubectl apply` (each waits for the previous Secret), each at a random phase of the period (one per 1/{figures.Requested} slice, random order, seed {figures.Seed}). The period is short to keep the run bounded; what is measured is the relationship to the period, not the 5-minute default.");
        report.AppendLine();
        report.AppendLine("| figure | n | p50 ms | p95 ms | max ms |");
        report.AppendLine("|---|---:|---:|---:|---:|");
        Row("kubectl apply -> issuance started (instance created)", applies.Select(a => a.ToStart));
        Row("kubectl apply -> Secret written", applies.Select(a => a.ToSecret));
        Row("issuance start -> Secret (the issuance itself)", applies.Select(a => a.Issuance));
        Row("kubectl apply -> the discovery tick that started it (the wait)", applies.Select(a => a.ToTick));
        Row("that tick -> issuance started (the discovery run)", applies.Select(a => a.TickToStart));
        Row("kubectl apply returns", applies.Select(a => a.KubectlReturned));
        report.AppendLine();

        var toSecret = Percentiles.Of(applies.Select(a => a.ToSecret), 0.95);
        var issuance = Percentiles.Of(applies.Select(a => a.Issuance), 0.95);
        var bound = (period * 1000.0) + issuance;
        var pass = applies.Count > 0 && toSecret <= bound;
        report.AppendLine(CultureInfo.InvariantCulture, $"Check (#18, without the webhook: p95 <= the discovery period plus the issuance): p95(apply -> Secret) {toSecret / 1000:F2} s <= period {period} s + p95(issuance) {issuance / 1000:F2} s = {bound / 1000:F2} s: **{(pass ? "PASS" : "FAIL")}**.");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Discovery runs in the {figures.WindowSeconds:F0} s window (first measured apply to two ticks after the last Secret): {figures.DiscoveryRuns} counted by the host (`certfunctions_scan_runs_total`), {figures.TicksInWindow} ticks of the schedule; the runs started {figures.DiscoveryStarts} issuances, and {figures.IssuancesStarted} started with reason `Discovered` (`certfunctions_issuance_started_total`). Ticks after an apply had returned that did not start its issuance: {applies.Sum(a => a.TicksMissed)}.");
        report.AppendLine(CultureInfo.InvariantCulture, $"Issued exactly once (one `CertificateIssued` Event): {figures.IssuedOnce} of {figures.Requested}; more than once: {figures.IssuedMoreThanOnce}; never: {figures.NeverIssued}. Secrets seen: {applies.Count} of {figures.Requested}.");
        report.AppendLine();
        if (figures.Cold is { } cold)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"The warm-up apply before the measurement (the host's first issuance; left out of the table): phase {cold.PhaseSeconds:F1} s, apply -> start {cold.ToStart:F0} ms, apply -> Secret {cold.ToSecret:F0} ms, issuance {cold.Issuance:F0} ms.");
            report.AppendLine();
        }

        report.AppendLine("Each apply (ms from the start of `kubectl apply`; phase = seconds after a tick it began):");
        report.AppendLine();
        report.AppendLine("| Ingress | phase s | kubectl returned | tick | start | Secret | issuance | ticks missed |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var a in applies)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {a.Name} | {a.PhaseSeconds:F1} | {a.KubectlReturned:F0} | {a.ToTick:F0} | {a.ToStart:F0} | {a.ToSecret:F0} | {a.Issuance:F0} | {a.TicksMissed} |");
        }

        report.AppendLine();
        report.AppendLine("Start is the instance's creation time as the host recorded it (same machine clock), the Secret is polled through the API every 20 ms, and the tick is the schedule's last occurrence before the start (the run that started it).");
        return report.ToString();

        void Row(string name, IEnumerable<double> values)
        {
            var list = values.ToList();
            report.AppendLine(list.Count == 0
                ? $"| {name} | 0 | | | |"
                : string.Create(CultureInfo.InvariantCulture, $"| {name} | {list.Count} | {Percentiles.Of(list, 0.5):F0} | {Percentiles.Of(list, 0.95):F0} | {list.Max():F0} |"));
        }
    }
}
