namespace LocalHostBench;

/// <summary>Median time spent in each progress step (from its first sighting to the next step's), over repetitions.</summary>
internal static class StepTimeline
{
    /// <summary>Per step, in order of first appearance: the median duration and in how many repetitions it was seen (25 ms polling).</summary>
    public static IReadOnlyList<(string Step, TimeSpan Median, int Seen)> Medians(IReadOnlyList<IReadOnlyList<(string Step, TimeSpan FirstSeen)>> runs)
    {
        var order = new List<string>();
        var durations = new Dictionary<string, List<TimeSpan>>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            for (var i = 0; i + 1 < run.Count; i++)
            {
                var step = run[i].Step;
                if (!durations.TryGetValue(step, out var list))
                {
                    durations[step] = list = [];
                    order.Add(step);
                }

                list.Add(run[i + 1].FirstSeen - run[i].FirstSeen);
            }
        }

        return [.. order.Select(step => (step, durations[step].Order().ElementAt(durations[step].Count / 2), durations[step].Count))];
    }
}
