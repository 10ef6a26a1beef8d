using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using CertFunctions.Testing.Processes;
using EmulatorBench;

// Benchmark: page 10,000 Ingresses (and Secrets) out of the Kubernetes API emulator; report times and its memory.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args, ProgramLocator.RepositoryRoot);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync("error: " + ex.Message);
    return 2;
}

var work = Directory.CreateTempSubdirectory("emulator-bench-");
try
{
    var seed = SeedWriter.Write(work.FullName, options.Objects);
    await using var emulatorLifetime = new BenchEmulatorLifetime(new BenchEmulator(seed));
    var startWatch = Stopwatch.StartNew();
    await emulatorLifetime.Emulator.InitializeAsync();
    var startup = startWatch.Elapsed;
    var emulator = emulatorLifetime.Emulator;
    var afterSeed = ProcessMemory.Read(emulator.ProcessId);

    var scenarios = new Scenarios(emulator, options);
    using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(20));
    var warmup = await scenarios.RawIngressPagesAsync(cancellation.Token);
    var measurements = new List<Measurement>
    {
        await scenarios.RawIngressPagesAsync(cancellation.Token),
        await scenarios.ClientIngressPagesAsync(cancellation.Token),
        await scenarios.RenewalScanAsync(cancellation.Token),
        await scenarios.KubectlAsync(),
    };
    var afterRuns = ProcessMemory.Read(emulator.ProcessId);

    var report = new StringBuilder();
    report.AppendLine("# KubeApiEmulator: listing 10,000 Ingresses in pages").AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture, $"Recorded {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `dotnet run -c Release --project bench/EmulatorBench`.");
    var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[0] : "n/a";
    report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} logical CPUs (1-minute load average {load} at the end, shared with other builds), {RuntimeInformation.OSDescription}, .NET {Environment.Version}.");
    report.AppendLine(CultureInfo.InvariantCulture, $"Data: {options.Objects} Ingresses (one rule, TLS section, annotations) and {options.Objects} `kubernetes.io/tls` Secrets (~2.3 KB each) over {SeedWriter.Namespaces} namespaces, seeded from one YAML file.");
    report.AppendLine(CultureInfo.InvariantCulture, $"Client and emulator on the same machine over HTTPS (127.0.0.1). Rounds per scenario: {options.Rounds} (kubectl: at most 3), after one warm-up round.").AppendLine();
    report.AppendLine("| scenario | runs | min ms | median ms | max ms | result |");
    report.AppendLine("|---|---|---|---|---|---|");
    foreach (var measurement in measurements)
    {
        report.AppendLine(measurement.ToRow());
    }

    report.AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture, $"- Start-up including parsing and storing the seed file ({new FileInfo(seed).Length / 1024 / 1024} MiB YAML, {options.Objects * 2 + SeedWriter.Namespaces} objects): {startup.TotalSeconds:0.0} s.");
    report.AppendLine(CultureInfo.InvariantCulture, $"- Emulator resident memory after seeding: {Mib(afterSeed.ResidentMiB)}; after the runs: {Mib(afterRuns.ResidentMiB)}; peak: {Mib(afterRuns.PeakMiB)}.");
    report.AppendLine(CultureInfo.InvariantCulture, $"- Warm-up round (first JIT of the paths): {warmup.Runs[0].TotalMilliseconds:0} ms.");
    report.AppendLine().AppendLine("Figures, not assertions: no test depends on them.");
    Console.WriteLine(report.ToString());
    Directory.CreateDirectory(Path.GetDirectoryName(options.ResultsPath)!);
    await File.WriteAllTextAsync(options.ResultsPath, report.ToString());
    Console.WriteLine("Written to " + options.ResultsPath);
    return 0;
}
finally
{
    work.Delete(recursive: true);
}

static string Mib(double? value) => value is double v ? string.Create(CultureInfo.InvariantCulture, $"{v:0} MiB") : "n/a";
