using System.Globalization;

namespace LocalHostBench;

/// <summary>A host configuration to time: a Local:MaxQueuePollingInterval plus optional extra settings.</summary>
internal sealed record HostVariant(int PollingIntervalMs, IReadOnlyDictionary<string, string> Extra)
{
    /// <summary>The variants run by default: three polling intervals, then the two responder/self-check settings that wait by design.</summary>
    public static IReadOnlyList<HostVariant> Defaults(IReadOnlyList<int> intervals) =>
    [
        .. intervals.Select(ms => new HostVariant(ms, new Dictionary<string, string>())),
        new HostVariant(intervals.Min(), new Dictionary<string, string> { ["Responder:TokenListTtl"] = "00:00:00.050" }),
        new HostVariant(intervals.Min(), new Dictionary<string, string> { ["Responder:TokenListTtl"] = "00:00:00.050", ["SelfCheck:Interval"] = "00:00:00.050" }),
    ];

    /// <summary>How the variant is shown in the results.</summary>
    public string Label => Extra.Count == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{PollingIntervalMs} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{PollingIntervalMs} ms + {string.Join(", ", Extra.Select(kv => kv.Key + "=" + kv.Value))}");
}
