using CertFunctions.Testing.LocalWorld;
using CertFunctions.Testing.Processes;
using CertFunctions.Testing.Storage;
using ResponderLoad;

// Benchmark (issue 7): wrk against the local host's /.well-known/acme-challenge/ (known token, random unknown tokens),
// storage calls counted in Azurite's debug log, nginx serving the same body as the reference.
LoadOptions options;
try
{
    options = LoadOptions.Parse(args, ProgramLocator.RepositoryRoot);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync("error: " + ex.Message);
    return 2;
}

var loadBefore = Machine.LoadAverage();
var randomScript = Path.Combine(AppContext.BaseDirectory, "random-token.lua");
var wrk = new Wrk(options);
await using var world = await LocalWorld.StartAsync(new LocalWorldOptions { StartHost = false });
var azurite = new AzuriteFixture { DebugLogPath = Path.Combine(Directory.CreateTempSubdirectory("responder-azurite-").FullName, "debug.log") };
await azurite.InitializeAsync();
try
{
    var token = PublishedToken.Random43();
    var body = token + "." + PublishedToken.Random43();
    await PublishedToken.PublishAsync(azurite.ConnectionString, token, body);

    var scenarios = new List<Scenario>();
    await using (var nginx = await NginxReference.StartAsync(token, body))
    {
        scenarios.AddRange(await new LoadRunner(wrk, randomScript, token, null).RunAsync("nginx (static file)", nginx.BaseUri));
    }

    foreach (var (label, suffix, level) in new[] { ("host, default logging (Information)", "info", (string?)null), ("host, Logging:LogLevel:Default=Warning", "warn", "Warning") })
    {
        await using var host = await HostUnderLoad.StartAsync(world, azurite.ConnectionString, suffix, level);
        await LoadRunner.VerifyAsync(host, token, body);
        scenarios.AddRange(await new LoadRunner(wrk, randomScript, token, azurite.DebugLogPath).RunAsync(label, host.BaseUri));
    }

    var report = LoadReport.Build(options, scenarios, loadBefore, Machine.LoadAverage());
    Console.WriteLine(report);
    Directory.CreateDirectory(Path.GetDirectoryName(options.ResultsPath)!);
    await File.WriteAllTextAsync(options.ResultsPath, report);
    Console.WriteLine("Written to " + options.ResultsPath);
    return 0;
}
finally
{
    await azurite.DisposeAsync();
}
