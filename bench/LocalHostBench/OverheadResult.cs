namespace LocalHostBench;

/// <summary>One polling interval: host and bare issuance times of the same repetitions, alternating.</summary>
internal sealed record OverheadResult(
    string Variant,
    IReadOnlyList<TimeSpan> Host,
    IReadOnlyList<TimeSpan> HostServer,
    IReadOnlyList<TimeSpan> Bare,
    IReadOnlyList<long> BareRequests,
    int SecretsWritten,
    IReadOnlyList<(string Step, TimeSpan Median, int Seen)> Steps)
{
    /// <summary>Per repetition host/bare.</summary>
    public IReadOnlyList<double> Ratios => [.. Host.Zip(Bare, (h, b) => h / b)];

    public static T Median<T>(IEnumerable<T> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
