using System.Globalization;

namespace EmulatorBench;

/// <summary>Timings of repeated runs of one scenario.</summary>
internal sealed record Measurement(string Scenario, IReadOnlyList<TimeSpan> Runs, string Detail)
{
    /// <summary>The fastest run.</summary>
    public TimeSpan Min => Runs.Min();

    /// <summary>The median run.</summary>
    public TimeSpan Median => Runs.Order().ElementAt(Runs.Count / 2);

    /// <summary>The slowest run.</summary>
    public TimeSpan Max => Runs.Max();

    /// <summary>A markdown table row.</summary>
    public string ToRow() => string.Create(CultureInfo.InvariantCulture,
        $"| {Scenario} | {Runs.Count} | {Min.TotalMilliseconds:0} | {Median.TotalMilliseconds:0} | {Max.TotalMilliseconds:0} | {Detail} |");
}
