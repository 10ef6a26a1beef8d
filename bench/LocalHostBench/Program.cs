using CertFunctions.Testing.LocalWorld;
using CertFunctions.Testing.Network;
using CertFunctions.Testing.Pebble;
using CertFunctions.Testing.Processes;
using LocalHostBench;

// Benchmark (issue 7): 1-name issuance through the local host vs a bare CertFunctions.Acme issuance on the same Pebble,
// for several Local:MaxQueuePollingInterval values; then a burst of 50 requests at once.
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

var loadBefore = Machine.LoadAverage();
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(30));
await using var world = await LocalWorld.StartAsync(new LocalWorldOptions
{
    Pebble = PebbleOptions.Default with { NonceRejectPercent = 0 },
    StartHost = false,
    AzuriteDebugLogPath = options.AzuriteLogPath,
});
await using var bare = BareIssuer.Start(world.Pebble, FreePort.Next());
await BareRoute.CreateAsync(world.Emulator, bare.ListenerPort, cancellation.Token);

var overhead = new List<OverheadResult>();
var runner = new OverheadRunner(world, bare, options.Repetitions, options.Warmups);
if (options.Repetitions > 0 && options.WorldWarmups > 0)
{
    await runner.WarmWorldAsync(options.WorldWarmups, cancellation.Token);
}

var variants = options.Repetitions > 0 ? HostVariant.Defaults(options.PollingIntervalsMs, options.ExtraVariants, options.HostSettings) : [];
for (var i = 0; i < variants.Count; i++)
{
    overhead.Add(await runner.RunAsync(variants[i], i, cancellation.Token));
}

var burst = options.Burst > 0 ? await new BurstRunner(world).RunAsync(options.Burst, options.BurstIntervalMs, options.BurstSettings, TimeSpan.FromMilliseconds(options.BurstSampleMs), cancellation.Token) : null;
var report = LocalHostReport.Build(options, overhead, burst, world.HostSettings, loadBefore, Machine.LoadAverage());
Console.WriteLine(report);
Directory.CreateDirectory(Path.GetDirectoryName(options.ResultsPath)!);
await File.WriteAllTextAsync(options.ResultsPath, report);
Console.WriteLine("Written to " + options.ResultsPath);
return 0;
