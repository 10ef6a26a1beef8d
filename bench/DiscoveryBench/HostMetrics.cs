using System.Globalization;

namespace DiscoveryBench;

/// <summary>One scrape of the local host's Prometheus route (<c>/metrics</c>), read by metric name and label filters.</summary>
internal sealed class HostMetrics(string text)
{
    /// <summary>Scrapes the host.</summary>
    public static async Task<HostMetrics> ScrapeAsync(HttpClient host, CancellationToken cancellationToken) =>
        new(await host.GetStringAsync(new Uri("metrics", UriKind.Relative), cancellationToken));

    /// <summary>The sum of every series of <paramref name="name"/> whose labels contain all of <paramref name="labels"/> (0 when none).</summary>
    public double Sum(string name, params string[] labels) => text
        .Split('\n')
        .Where(line => (line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            && labels.All(label => line.Contains(label, StringComparison.Ordinal)))
        .Sum(Value);

    // A sample is "name{labels} value [timestamp]" (or "name value [timestamp]"): the first field after the labels.
    private static double Value(string line)
    {
        var close = line.LastIndexOf('}');
        var rest = close >= 0 ? line[(close + 1)..] : line[line.IndexOf(' ', StringComparison.Ordinal)..];
        return double.Parse(rest.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
    }
}
