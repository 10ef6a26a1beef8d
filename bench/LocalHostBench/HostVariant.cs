using System.Globalization;

namespace LocalHostBench;

/// <summary>A host configuration to time: a Local:MaxQueuePollingInterval plus optional extra settings.</summary>
internal sealed record HostVariant(int PollingIntervalMs, IReadOnlyDictionary<string, string> Extra)
{
    /// <summary>
    /// The variants run by default: the polling intervals with the world's self-check (2 passes, 200 ms apart), then
    /// (with <paramref name="extra"/>) the self-check's own waits shortened: passes 50 ms apart (the shortest allowed),
    /// and a single pass (enough when, as here, one process serves the routes and nothing has to propagate). Every
    /// variant also gets <paramref name="common"/> (the --host-setting options).
    /// </summary>
    public static IReadOnlyList<HostVariant> Defaults(IReadOnlyList<int> intervals, bool extra, IReadOnlyDictionary<string, string> common)
    {
        HostVariant With(int ms, params (string Key, string Value)[] settings)
        {
            var all = new Dictionary<string, string>(common);
            foreach (var (key, value) in settings)
            {
                all[key] = value;
            }

            return new HostVariant(ms, all);
        }

        return extra
            ? [.. intervals.Select(ms => With(ms)), With(intervals.Min(), ("SelfCheck:Interval", "00:00:00.050")), With(intervals.Min(), ("SelfCheck:ConsecutivePasses", "1"))]
            : [.. intervals.Select(ms => With(ms))];
    }

    /// <summary>How the variant is shown in the results.</summary>
    public string Label => Extra.Count == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{PollingIntervalMs} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{PollingIntervalMs} ms + {string.Join(", ", Extra.Select(kv => kv.Key + "=" + kv.Value))}");
}
