using System.Globalization;

namespace RenewalScanBench;

/// <summary>Command line: --counts 1000,10000 --warm-runs 3 --results PATH.</summary>
internal sealed record ScanOptions(IReadOnlyList<int> Counts, int WarmRuns, string ResultsPath)
{
    /// <exception cref="ArgumentException">An option is unknown or out of range.</exception>
    public static ScanOptions Parse(string[] args, string repositoryRoot)
    {
        var date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var options = new ScanOptions([1_000, 10_000], 3, Path.Combine(repositoryRoot, "bench", "results", $"renewal-scan-{date}.md"));
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--counts" => options with { Counts = [.. value.Split(',').Select(v => Positive("--counts", v))] },
                "--warm-runs" => options with { WarmRuns = Positive("--warm-runs", value) },
                "--results" => options with { ResultsPath = Path.GetFullPath(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --counts 1000,10000 --warm-runs N --results PATH"),
            };
        }

        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive whole number, not '{value}'.");
}
