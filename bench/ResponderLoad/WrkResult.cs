using System.Globalization;
using System.Text.RegularExpressions;

namespace ResponderLoad;

/// <summary>What wrk printed: requests, requests per second, latency percentiles, non-2xx answers, socket errors.</summary>
internal sealed partial record WrkResult(long Requests, double RequestsPerSecond, double P50Ms, double P99Ms, double MaxMs, long Non2xx, string SocketErrors, string Output)
{
    public static WrkResult Parse(string output)
    {
        var requests = Long(RequestsLine().Match(output), "n");
        var rps = Number(RpsLine().Match(output), "v");
        var p50 = Duration(Percentile(output, "50%"));
        var p99 = Duration(Percentile(output, "99%"));
        var max = LatencyLine().Match(output) is { Success: true } m ? Duration(m.Groups["max"].Value) : double.NaN;
        var non2xx = Long(Non2xxLine().Match(output), "n");
        var errors = SocketErrorsLine().Match(output) is { Success: true } e ? e.Groups["e"].Value.Trim() : "none";
        return new WrkResult(requests, rps, p50, p99, max, non2xx, errors, output);
    }

    private static string Percentile(string output, string label) =>
        Regex.Match(output, @"^\s*" + Regex.Escape(label) + @"\s+(?<d>\S+)", RegexOptions.Multiline) is { Success: true } m ? m.Groups["d"].Value : string.Empty;

    /// <summary>wrk durations: 812.00us, 1.23ms, 2.50s, 1.00m.</summary>
    private static double Duration(string text)
    {
        var unit = DurationUnit().Match(text);
        if (!unit.Success)
        {
            return double.NaN;
        }

        var value = double.Parse(unit.Groups["v"].Value, CultureInfo.InvariantCulture);
        return unit.Groups["u"].Value switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            "m" => value * 60_000,
            _ => double.NaN,
        };
    }

    private static long Long(Match match, string group) =>
        match.Success ? long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;

    private static double Number(Match match, string group) =>
        match.Success ? double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : double.NaN;

    [GeneratedRegex(@"(?<n>\d+) requests in")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Requests/sec:\s+(?<v>[\d.]+)")]
    private static partial Regex RpsLine();

    [GeneratedRegex(@"^\s*Latency\s+\S+\s+\S+\s+(?<max>\S+)", RegexOptions.Multiline)]
    private static partial Regex LatencyLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(?<n>\d+)")]
    private static partial Regex Non2xxLine();

    [GeneratedRegex(@"Socket errors:(?<e>.*)")]
    private static partial Regex SocketErrorsLine();

    [GeneratedRegex(@"^(?<v>[\d.]+)(?<u>us|ms|s|m)$")]
    private static partial Regex DurationUnit();
}
