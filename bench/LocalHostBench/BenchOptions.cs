using System.Globalization;

namespace LocalHostBench;

/// <summary>
/// Command line: --reps N (0: no host/bare comparison) --warmups N (untimed, per host process; default 5)
/// --world-warmups N (untimed, before the first variant; default 20) --intervals 1000,250,100 (ms)
/// --extra-variants yes|no (the self-check variants after the intervals) --burst N --burst-interval MS --burst-setting KEY=VALUE (repeatable)
/// --host-setting KEY=VALUE (repeatable; every timed host variant) --burst-sample MS (pause between status sweeps) --azurite-log PATH (Azurite's request log, to count storage calls) --results PATH.
/// </summary>
internal sealed record BenchOptions(int Repetitions, IReadOnlyList<int> PollingIntervalsMs, int Burst, int BurstIntervalMs, IReadOnlyDictionary<string, string> BurstSettings, int BurstSampleMs, string ResultsPath)
{
    private const string Usage = "Options: --reps N --warmups N --world-warmups N --intervals 1000,250,100 --extra-variants yes|no --burst N --burst-interval MS --burst-setting KEY=VALUE --burst-sample MS --host-setting KEY=VALUE --azurite-log PATH --results PATH";

    /// <summary>Untimed issuances of each contender per host process before the timed ones.</summary>
    public int Warmups { get; init; } = 5;

    /// <summary>Untimed issuances through a throw-away host before the first variant, to warm the world's long-lived programs.</summary>
    public int WorldWarmups { get; init; } = 20;

    /// <summary>Also time the variants with shorter responder and self-check waits.</summary>
    public bool ExtraVariants { get; init; } = true;

    /// <summary>Settings added to every timed host variant (not the burst), e.g. to time one self-check setting at several polling intervals.</summary>
    public IReadOnlyDictionary<string, string> HostSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>Where Azurite logs every request (null: no log).</summary>
    public string? AzuriteLogPath { get; init; }

    /// <exception cref="ArgumentException">An option is unknown or out of range.</exception>
    public static BenchOptions Parse(string[] args, string repositoryRoot)
    {
        var date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var options = new BenchOptions(5, [1000, 250, 100], 50, 250, new Dictionary<string, string>(), 500, Path.Combine(repositoryRoot, "bench", "results", $"local-host-{date}.md"));
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--reps" => options with { Repetitions = Whole("--reps", value, 0) },
                "--intervals" => options with { PollingIntervalsMs = [.. value.Split(',').Select(v => Whole("--intervals", v, 50))] },
                "--burst" => options with { Burst = Whole("--burst", value, 0) },
                "--burst-interval" => options with { BurstIntervalMs = Whole("--burst-interval", value, 50) },
                "--burst-sample" => options with { BurstSampleMs = Whole("--burst-sample", value, 0) },
                "--burst-setting" => options with { BurstSettings = WithSetting(options.BurstSettings, value) },
                "--world-warmups" => options with { WorldWarmups = Whole("--world-warmups", value, 0) },
                "--warmups" => options with { Warmups = Whole("--warmups", value, 1) },
                "--host-setting" => options with { HostSettings = WithSetting(options.HostSettings, value) },
                "--results" => options with { ResultsPath = Path.GetFullPath(value) },
                "--extra-variants" => options with { ExtraVariants = value switch { "yes" => true, "no" => false, _ => throw new ArgumentException($"--extra-variants is yes or no, not '{value}'.") } },
                "--azurite-log" => options with { AzuriteLogPath = Path.GetFullPath(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. {Usage}"),
            };
        }

        return options;
    }

    private static Dictionary<string, string> WithSetting(IReadOnlyDictionary<string, string> settings, string value)
    {
        var parts = value.Split('=', 2);
        if (parts.Length != 2 || parts[0].Length == 0)
        {
            throw new ArgumentException($"--burst-setting and --host-setting need KEY=VALUE, not '{value}'.");
        }

        return new Dictionary<string, string>(settings) { [parts[0]] = parts[1] };
    }

    private static int Whole(string name, string value, int minimum) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= minimum
            ? n
            : throw new ArgumentException($"{name} must be a whole number of at least {minimum}, not '{value}'.");
}
