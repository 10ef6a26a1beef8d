namespace CertFunctions.Core.Hosting;

/// <summary>Runtime state of an orchestration instance, independent of the host's client library.</summary>
public enum OrchestrationState
{
    /// <summary>Scheduled, not yet started.</summary>
    Pending,

    /// <summary>Running (including waiting on timers or activities).</summary>
    Running,

    /// <summary>Finished successfully.</summary>
    Completed,

    /// <summary>Finished with a failure.</summary>
    Failed,

    /// <summary>Terminated by request.</summary>
    Terminated,

    /// <summary>Suspended by request.</summary>
    Suspended,
}
