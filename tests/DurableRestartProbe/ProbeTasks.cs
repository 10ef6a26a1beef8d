namespace DurableRestartProbe;

/// <summary>Names of the probe's orchestration and activity, and its custom status while the timer runs.</summary>
public static class ProbeTasks
{
    /// <summary>The timer orchestration.</summary>
    public const string TimerOrchestration = "ProbeTimer";

    /// <summary>The activity run after the timer; it answers with the process id that ran it.</summary>
    public const string StampActivity = "ProbeStamp";

    /// <summary>The custom status while the timer runs.</summary>
    public const string WaitingStatus = "timer-running";
}
