using System.Globalization;

namespace EmulatorBench;

/// <summary>Command line of the benchmark.</summary>
internal sealed record BenchOptions(int Objects, int PageSize, int Rounds, string ResultsPath)
{
    /// <summary>Parses --objects, --page-size, --rounds and --results.</summary>
    /// <exception cref="ArgumentException">An option is unknown or out of range.</exception>
    public static BenchOptions Parse(string[] args, string repositoryRoot)
    {
        var options = new BenchOptions(10_000, 500, 5, Path.Combine(repositoryRoot, "bench", "results", "emulator-list-10000.md"));
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--objects" => options with { Objects = Positive(args[i], value) },
                "--page-size" => options with { PageSize = Positive(args[i], value) },
                "--rounds" => options with { Rounds = Positive(args[i], value) },
                "--results" => options with { ResultsPath = Path.GetFullPath(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --objects N --page-size N --rounds N --results PATH"),
            };
            i++;
        }

        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive whole number, not '{value}'.");
}
