namespace LocalHostBench;

/// <summary>A burst of N requests at once through the API.</summary>
internal sealed record BurstResult(
    int PollingIntervalMs,
    IReadOnlyDictionary<string, string> Settings,
    TimeSpan SampleInterval,
    int Requested,
    TimeSpan PostsDone,
    TimeSpan AllFinalObserved,
    TimeSpan ServerMakespan,
    int PeakRunning,
    int Samples,
    int Completed,
    int Failed,
    int Secrets,
    IReadOnlyList<string> FailureSamples,
    IReadOnlyDictionary<string, TimeSpan?> CpuDuringBurst);
