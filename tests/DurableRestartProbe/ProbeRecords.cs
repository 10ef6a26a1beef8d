namespace DurableRestartProbe;

/// <summary>Input of the probe's timer orchestration.</summary>
public sealed record ProbeTimerRequest(int DelaySeconds);

/// <summary>Output of the probe's timer orchestration.</summary>
/// <param name="StartedByProcessId">The process that ran the first episode (scheduled the timer).</param>
/// <param name="CompletedByProcessId">The process that ran the activity after the timer.</param>
public sealed record ProbeTimerResult(int StartedByProcessId, int CompletedByProcessId, DateTime ScheduledAt, DateTime FiredAt);
