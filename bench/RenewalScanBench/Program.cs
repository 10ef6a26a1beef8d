using CertFunctions.Testing.Processes;
using CertFunctions.Testing.Storage;
using RenewalScanBench;

// Benchmark (issues 6 and 17): RenewalScanner.ScanAsync over 1,000 and 10,000 opted-in objects (one in five a Gateway) in the API emulator.
ScanOptions options;
try
{
    options = ScanOptions.Parse(args, ProgramLocator.RepositoryRoot);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync("error: " + ex.Message);
    return 2;
}

var work = Directory.CreateTempSubdirectory("renewal-scan-bench-");
try
{
    var azurite = new AzuriteFixture();
    try
    {
        await azurite.InitializeAsync();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var measurer = new ScanMeasurer(work.FullName, azurite.ConnectionString, options.WarmRuns);
        var sizes = new List<ScanSize>();
        foreach (var count in options.Counts)
        {
            sizes.Add(await measurer.MeasureAsync(count, cancellation.Token));
        }

        var report = ScanReport.Build(sizes, "bench/RenewalScanBench/run.sh (dotnet run -c Release --project bench/RenewalScanBench)", SourceVersion.Describe(ProgramLocator.RepositoryRoot, "functions/CertFunctions.Core"));
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
}
finally
{
    work.Delete(recursive: true);
}
