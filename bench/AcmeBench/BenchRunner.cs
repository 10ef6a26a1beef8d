using System.Globalization;
using System.Text;
using CertFunctions.Testing.Pebble;
using CertFunctions.Testing.Processes;

namespace AcmeBench;

/// <summary>
/// Starts Pebble (no validation sleep, no nonce rejection) and times cold issuances by our client, lego and certbot,
/// alternating, for each name count; prints medians, ratios and our request counts, and writes bench/results/acme-DATE.md.
/// Usage: AcmeBench [--reps N] [--sizes 1,10] [--only NAME] [--out FILE] [--no-publish]
/// </summary>
internal static class BenchRunner
{
    private const string OursAot = "CertFunctions.Acme (AOT)";
    private const string OursJit = "CertFunctions.Acme (JIT)";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    public static async Task<int> RunAsync(string[] args)
    {
        var reps = int.Parse(Option(args, "--reps") ?? "5", CultureInfo.InvariantCulture);
        var sizes = (Option(args, "--sizes") ?? "1,10").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var only = Option(args, "--only");
        var started = DateTimeOffset.UtcNow;
        var output = Option(args, "--out")
            ?? Path.Combine(ProgramLocator.RepositoryRoot, "bench", "results", $"acme-{started:yyyy-MM-dd}.md");

        var (aot, jit) = await PublishIssueConsoleAsync(args.Contains("--no-publish"));
        var contenders = new List<Contender>
        {
            Contenders.Ours(OursAot, aot, viaDotnet: false),
            Contenders.Ours(OursJit, jit, viaDotnet: true),
            Contenders.Lego(ProgramLocator.Require("lego", "apt-get install lego")),
            Contenders.Certbot(ProgramLocator.Require("certbot", "apt-get install certbot")),
        };
        if (only is not null)
        {
            contenders.RemoveAll(c => !c.Name.StartsWith(only, StringComparison.OrdinalIgnoreCase));
        }

        var pebble = await PebbleFixture.StartAsync(new PebbleOptions { NonceRejectPercent = 0 });
        var scratch = Directory.CreateTempSubdirectory("acmebench-").FullName;
        try
        {
            var caPath = Path.Combine(scratch, "tls-ca.pem");
            await File.WriteAllTextAsync(caPath, pebble.TlsAuthority.ExportCertificatePem());
            var environment = new BenchEnvironment(pebble.DirectoryUri, caPath, pebble.ValidationPort, scratch);
            Console.WriteLine($"Pebble at {pebble.DirectoryUri}, validation port {pebble.ValidationPort}; {reps} repetitions of {string.Join(" and ", sizes)} names");

            // One untimed warm-up per client (disk caches, Python byte code), then the timed, alternating runs.
            foreach (var contender in contenders)
            {
                var warm = await RunOnceAsync(contender, environment, 1, 0);
                Console.WriteLine($"  warm-up {contender.Name}: {(warm.Succeeded ? "ok" : "FAILED")} {warm.Elapsed.TotalSeconds:0.000} s");
            }

            var results = new List<RunResult>();
            foreach (var size in sizes)
            {
                for (var rep = 1; rep <= reps; rep++)
                {
                    var order = contenders.Skip((rep - 1) % contenders.Count).Concat(contenders.Take((rep - 1) % contenders.Count));
                    foreach (var contender in order)
                    {
                        var result = await RunOnceAsync(contender, environment, size, rep);
                        results.Add(result);
                        Console.WriteLine($"  {size,2} names  rep {rep}  {contender.Name,-18} {(result.Succeeded ? "ok    " : "FAILED")} {result.Elapsed.TotalSeconds,7:0.000} s"
                            + (result.Requests is { } r ? $"  {r} requests" : string.Empty));
                        if (!result.Succeeded || Environment.GetEnvironmentVariable("ACMEBENCH_TRACE") == "1")
                        {
                            Console.WriteLine(result.OutputTail);
                        }
                    }
                }
            }

            var report = Report(results, contenders, sizes, reps, started);
            Console.WriteLine();
            Console.WriteLine(report);
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            // Every run adds a section: the file keeps the history of the day.
            await File.AppendAllTextAsync(output, (File.Exists(output) ? Environment.NewLine : string.Empty) + report);
            Console.WriteLine($"Written to {output}");
            return results.All(r => r.Succeeded) ? 0 : 1;
        }
        finally
        {
            await pebble.DisposeAsync();
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Publishes the AcmeIssue console twice: Native AOT (linux-x64) and framework-dependent (JIT).</summary>
    private static async Task<(string Aot, string Jit)> PublishIssueConsoleAsync(bool skip)
    {
        var project = Path.Combine(ProgramLocator.RepositoryRoot, "bench", "AcmeBench", "IssueConsole", "AcmeIssue.csproj");
        var output = Path.Combine(ProgramLocator.RepositoryRoot, "bench", "AcmeBench", "IssueConsole", "bin", "bench");
        var aot = Path.Combine(output, "aot", "AcmeIssue");
        var jit = Path.Combine(output, "jit", "AcmeIssue.dll");
        if (!skip)
        {
            Console.WriteLine("Publishing AcmeIssue (Native AOT and JIT) ...");
            await DotnetAsync("publish", project, "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", Path.GetDirectoryName(aot)!);
            await DotnetAsync("publish", project, "-c", "Release", "-o", Path.GetDirectoryName(jit)!);
        }

        return (aot, jit);
    }

    private static async Task DotnetAsync(params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed:{Environment.NewLine}{await stdout}{await stderr}");
        }
    }

    private static Task<RunResult> RunOnceAsync(Contender contender, BenchEnvironment environment, int size, int rep)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var names = Enumerable.Range(0, size).Select(i => $"b{i}-{run}.example.test").ToArray();
        var scratch = Path.Combine(environment.ScratchDirectory, $"{contender.Name}-{run}");
        Directory.CreateDirectory(scratch);
        return ProcessTimer.RunAsync(contender, contender.CreateStart(environment, names, scratch), names, scratch, rep, RunTimeout);
    }

    private static string Report(List<RunResult> results, List<Contender> contenders, int[] sizes, int reps, DateTimeOffset started)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## ACME client benchmark, {started:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {Machine.Describe()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Pebble {Machine.PackageVersion("pebble")} (PEBBLE_VA_NOSLEEP=1, PEBBLE_WFE_NONCEREJECT=0), lego {Machine.PackageVersion("lego")} (`--http`), certbot {Machine.PackageVersion("certbot")} (`--standalone`)");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Each run: a new process, a new account, fresh names, ECDSA P-256 keys; {reps} repetitions per size, clients alternating; one untimed warm-up each.");
        text.AppendLine("- Our client runs as `bench/AcmeBench/IssueConsole` (AcmeIssue), published as a Native AOT executable and as a framework-dependent dll started with `dotnet` (JIT).");
        text.AppendLine("- Wall time from process start to exit; a run counts as ok only when the client exited 0 and its certificate file exists. Produced by `dotnet run -c Release --project bench/AcmeBench`.");
        text.AppendLine("- The machine is shared with other builds and tests, so absolute times drift between runs; compare within a run.");
        text.AppendLine();
        text.AppendLine("| names | client | median (s) | min (s) | max (s) | ok | ratio to fastest reference | requests (median) |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var size in sizes)
        {
            var medians = contenders.ToDictionary(c => c.Name, c => Median(results.Where(r => r.Contender == c.Name && r.Names == size && r.Succeeded).Select(r => r.Elapsed.TotalSeconds)));
            var references = medians.Where(m => !m.Key.StartsWith("CertFunctions", StringComparison.Ordinal) && m.Value is not null).Select(m => m.Value!.Value).ToList();
            var fastestReference = references.Count > 0 ? references.Min() : (double?)null;
            foreach (var contender in contenders)
            {
                var runs = results.Where(r => r.Contender == contender.Name && r.Names == size).ToList();
                var ok = runs.Where(r => r.Succeeded).Select(r => r.Elapsed.TotalSeconds).ToList();
                var median = medians[contender.Name];
                var ratio = median is { } m && fastestReference is { } f ? (m / f).ToString("0.00", CultureInfo.InvariantCulture) : "-";
                var requests = Median(runs.Where(r => r.Requests is not null).Select(r => (double)r.Requests!.Value));
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {size} | {contender.Name} | {Format(median)} | {Format(ok.Count > 0 ? ok.Min() : null)} | {Format(ok.Count > 0 ? ok.Max() : null)} | {ok.Count}/{runs.Count} | {ratio} | {(requests is { } q ? q.ToString("0", CultureInfo.InvariantCulture) : "-")} |");
            }
        }

        text.AppendLine();
        text.AppendLine("Targets (issue #3): our median at most 0.3 times the faster reference's median for 1 and 10 names; at most 10 requests for a 1-name certificate from a cold start.");
        return text.ToString();
    }

    private static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Format(double? seconds) => seconds is { } s ? s.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
