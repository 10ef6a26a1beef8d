using System.Globalization;

namespace ResponderLoad;

/// <summary>Command line: --duration S --threads N --connections N --results PATH.</summary>
internal sealed record LoadOptions(int DurationSeconds, int Threads, int Connections, string ResultsPath)
{
    /// <exception cref="ArgumentException">An option is unknown or out of range.</exception>
    public static LoadOptions Parse(string[] args, string repositoryRoot)
    {
        var date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var options = new LoadOptions(10, 2, 32, Path.Combine(repositoryRoot, "bench", "results", $"responder-{date}.md"));
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--duration" => options with { DurationSeconds = Bounded("--duration", value, 1, 60) },
                "--threads" => options with { Threads = Bounded("--threads", value, 1, 8) },
                "--connections" => options with { Connections = Bounded("--connections", value, 1, 256) },
                "--results" => options with { ResultsPath = Path.GetFullPath(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --duration S (1-60) --threads N --connections N --results PATH"),
            };
        }

        return options;
    }

    private static int Bounded(string name, string value, int minimum, int maximum) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= minimum && n <= maximum
            ? n
            : throw new ArgumentException($"{name} must be a whole number from {minimum} to {maximum}, not '{value}'.");
}
