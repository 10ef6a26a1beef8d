using System.Globalization;
using System.Text;
using CertFunctions.Testing.Processes;
using CertFunctions.Testing.Storage;
using DiscoveryBench;

// Benchmark (issue 18): an idle discovery run over 10,000 Ingresses, and the admission webhook in the local world; or
// (--no-webhook) the latency of discovery alone, without the webhook.
var count = Option("--count", 10_000);
var applies = Option("--applies", 10);
var burst = Option("--burst", 1_000);

// --no-webhook (or --no-webhook-applies N) measures only the path without the webhook: N applies, discovery every S seconds.
if (args.Contains("--no-webhook") || OptionText("--no-webhook-applies") is not null)
{
    var noWebhookApplies = Option("--no-webhook-applies", 20);
    var ticks = DiscoveryTicks.Create(Option("--discovery-period", 20));
    var noWebhookResults = OptionText("--results") ?? Path.Combine(ProgramLocator.RepositoryRoot, "bench", "results", $"discovery-{DateTime.UtcNow:yyyy-MM-dd}-no-webhook.md");

    // Each apply waits about a period for its tick and one for its phase, plus the issuance; bound the run generously.
    using var bounded = new CancellationTokenSource(TimeSpan.FromMinutes(10) + ((noWebhookApplies + 3) * 4 * ticks.Period));
    var figures = await DiscoveryLatency.MeasureAsync(noWebhookApplies, ticks, Option("--seed", 18), bounded.Token);
    var markdown = DiscoveryLatencyReport.Write(figures, "bench/DiscoveryBench/run.sh " + string.Join(' ', args));
    Console.WriteLine(markdown);
    Directory.CreateDirectory(Path.GetDirectoryName(noWebhookResults)!);
    await File.WriteAllTextAsync(noWebhookResults, markdown);
    Console.WriteLine("Written to " + noWebhookResults);
    return 0;
}

var results = OptionText("--results") ?? Path.Combine(ProgramLocator.RepositoryRoot, "bench", "results", $"discovery-{DateTime.UtcNow:yyyy-MM-dd}.md");
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(30));

// --webhook-only skips the idle discovery part (for before/after runs of the webhook path alone).
var webhookOnly = args.Contains("--webhook-only");
IdleDiscovery.Figures? idle = null;
if (!webhookOnly)
{
    var work = Directory.CreateTempSubdirectory("discovery-bench-");
    var azurite = new AzuriteFixture();
    try
    {
        await azurite.InitializeAsync();
        idle = await IdleDiscovery.MeasureAsync(work.FullName, azurite.ConnectionString, count, cancellation.Token);
    }
    finally
    {
        await azurite.DisposeAsync();
        work.Delete(recursive: true);
    }

    Console.WriteLine($"idle discovery: {idle}");
}

var webhook = await WebhookLatency.MeasureAsync(applies, burst, cancellation.Token);

var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"# Discovery and admission webhook ({DateTime.UtcNow:yyyy-MM-dd})");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Source: {SourceVersion.Describe(ProgramLocator.RepositoryRoot, "functions/CertFunctions.Core")}. Machine: {Machine.Describe()}.");
report.AppendLine("Run: bench/DiscoveryBench/run.sh (dotnet run -c Release --project bench/DiscoveryBench).");
report.AppendLine();
if (idle is not null)
{
    report.AppendLine(CultureInfo.InvariantCulture, $"## Idle discovery over {idle.Count:N0} opted-in Ingresses in {idle.Namespaces} namespaces (emulator, Azurite, in-process)");
    report.AppendLine();
    report.AppendLine("| run | Ingresses listed | list requests | per 500 objects | objects checked | starts | wall s | CPU s |");
    report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
    report.AppendLine(CultureInfo.InvariantCulture, $"| first (state of an earlier run present) | {idle.Cold.Listed} | {idle.Cold.ListRequests} | {PerFiveHundred(idle.Cold)} | {idle.Cold.Checked} | {idle.Cold.Started} | | |");
    report.AppendLine(CultureInfo.InvariantCulture, $"| idle | {idle.Idle.Listed} | {idle.Idle.ListRequests} | {PerFiveHundred(idle.Idle)} | {idle.Idle.Checked} | {idle.Idle.Started} | {idle.IdleWallSeconds:F2} | {idle.IdleCpuSeconds:F2} |");
    report.AppendLine(CultureInfo.InvariantCulture, $"| one spec change | {idle.OneChange.Listed} | {idle.OneChange.ListRequests} | {PerFiveHundred(idle.OneChange)} | {idle.OneChange.Checked} | {idle.OneChange.Started} | {idle.OneChangeWallSeconds:F2} | |");
    report.AppendLine();
    report.AppendLine("List requests are metadata-only (PartialObjectMetadataList) pages of 500: the Ingresses, then our Secrets (one cluster-wide labelled list). One changed object costs one Ingress read and one Secret read (plus the API's admission rules' reads); no CA call.");
    report.AppendLine();
}

report.AppendLine("## Admission webhook, local world (emulator -> local host over HTTPS with a caBundle, real Pebble, Azurite)");
report.AppendLine();
report.AppendLine("| figure | n | p50 ms | p95 ms | p99 ms | max ms |");
report.AppendLine("|---|---:|---:|---:|---:|---:|");
Row("kubectl apply returns (kubectl start-up, API server, webhook call)", webhook.KubectlReturned);
Row("kubectl apply -> issuance started", webhook.ApplyToStart);
Row("kubectl apply -> Secret written", webhook.ApplyToSecret);
Row("issuance start -> Secret (the split)", [.. webhook.ApplyToSecret.Zip(webhook.ApplyToStart, (a, b) => a - b)]);
Row("webhook answer, Ingress not opted in", webhook.AnswerIgnored);
Row("webhook answer, opted in (records a start)", webhook.AnswerRecorded);
report.AppendLine();
if (webhook.BurstWrites > 0)
{
    report.AppendLine(CultureInfo.InvariantCulture, $"Burst: {webhook.BurstWrites} Ingress writes (creates, then spec updates) of {webhook.BurstIngresses} Ingresses through the API server, 16 at a time, in {webhook.BurstSeconds:F1} s ({webhook.BurstRetriedWrites} sent again after a dropped connection): {webhook.BurstStarted} issuances started, {webhook.BurstIssuedOnce} Ingresses issued exactly once, {webhook.BurstIssuedMoreThanOnce} more than once, {webhook.BurstIngresses - webhook.BurstIssuedOnce - webhook.BurstIssuedMoreThanOnce} never.");
}
report.AppendLine();
report.AppendLine("apply -> start is measured by polling the operation every 20 ms (kubectl's own start-up is included); the Secret by polling the API. The first apply of the run (cold) is left out of the table:");
report.AppendLine(CultureInfo.InvariantCulture, $"apply -> start {webhook.ColdApplyToStart:F0} ms, apply -> Secret {webhook.ColdApplyToSecret:F0} ms.");
report.AppendLine();
report.AppendLine("Where the time goes after the apply (median from the first sighting of each step to the next; `n` = runs it was seen in, steps shorter than a 20 ms poll can be missed):");
report.AppendLine();
report.AppendLine("| from | median ms | n |");
report.AppendLine("|---|---:|---:|");
foreach (var (step, median, seen) in webhook.Steps)
{
    report.AppendLine(CultureInfo.InvariantCulture, $"| {step} | {median:F0} | {seen} |");
}

Console.WriteLine(report);
Directory.CreateDirectory(Path.GetDirectoryName(results)!);
await File.WriteAllTextAsync(results, report.ToString());
Console.WriteLine("Written to " + results);
return 0;

string PerFiveHundred(CertFunctions.Core.Discovery.DiscoveryReport r) =>
    r.Listed == 0 ? "-" : (r.ListRequests / (r.Listed / 500.0)).ToString("F2", CultureInfo.InvariantCulture);

void Row(string name, IReadOnlyList<double> values)
{
    if (values.Count == 0)
    {
        report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | 0 | | | | |");
        return;
    }

    double P(double q) => Percentiles.Of(values, q);
    report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {values.Count} | {P(0.5):F0} | {P(0.95):F0} | {P(0.99):F0} | {values.Max():F0} |");
}

int Option(string name, int fallback) =>
    OptionText(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? OptionText(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
