namespace RenewalScanBench;

/// <summary>Everything measured for one number of Ingresses.</summary>
internal sealed record ScanSize(
    int Ingresses,
    int SeededDue,
    long SeedBytes,
    TimeSpan EmulatorStartup,
    (double? ResidentMiB, double? PeakMiB) EmulatorAfterSeed,
    (double? ResidentMiB, double? PeakMiB) EmulatorAfterScans,
    IReadOnlyList<ScanRun> Runs,
    IReadOnlyList<ListBasedRun> ListBasedRuns,
    string LoadBefore,
    string LoadAfter)
{
    /// <summary>The first scan of a fresh provider (new client, new connections).</summary>
    public ScanRun First => Runs[0];

    /// <summary>The following scans.</summary>
    public IReadOnlyList<ScanRun> Warm => Runs.Skip(1).ToList();

    /// <summary>Median of the warm scans.</summary>
    public TimeSpan WarmMedian => Median(Warm.Select(r => r.Elapsed));

    /// <summary>Largest peak RSS of any scan.</summary>
    public double MaxPeakRssMiB => Runs.Max(r => r.PeakRssMiB);

    /// <summary>Median of a list of times.</summary>
    public static TimeSpan Median(IEnumerable<TimeSpan> times)
    {
        var sorted = times.Order().ToList();
        return sorted.Count == 0 ? TimeSpan.Zero : sorted[sorted.Count / 2];
    }
}
