namespace DiscoveryBench;

/// <summary>Nearest-rank percentiles of a sample, as every table of this benchmark reports them.</summary>
internal static class Percentiles
{
    /// <summary>The value at quantile <paramref name="q"/> (0-1] of <paramref name="values"/> by nearest rank; NaN for none.</summary>
    public static double Of(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
