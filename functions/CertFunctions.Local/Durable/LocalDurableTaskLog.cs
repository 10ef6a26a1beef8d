namespace CertFunctions.Local.Durable;

/// <summary>Log messages of the local Durable Task engine and gateway.</summary>
internal static partial class LocalDurableTaskLog
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Information,
        Message = "Durable Task engine started on hub {TaskHub} as worker {WorkerId} ({Orchestrators} orchestrators, {Activities} activities)")]
    public static partial void EngineStarted(ILogger logger, string taskHub, string workerId, int orchestrators, int activities);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Durable Task engine stopped on hub {TaskHub}")]
    public static partial void EngineStopped(ILogger logger, string taskHub);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning,
        Message = "Durable Task engine on hub {TaskHub} did not stop in time; stopping forcibly (in-flight work is retried after a restart)")]
    public static partial void EngineStopForced(ILogger logger, string taskHub);

    [LoggerMessage(EventId = 7110, Level = LogLevel.Information, Message = "Started orchestration {Name} as {InstanceId}")]
    public static partial void OrchestrationStarted(ILogger logger, string name, string instanceId);

    [LoggerMessage(EventId = 7111, Level = LogLevel.Information,
        Message = "Orchestration {InstanceId} is already {State}; not starting {Name} again")]
    public static partial void OrchestrationAlreadyActive(ILogger logger, string instanceId, CertFunctions.Core.Hosting.OrchestrationState? state, string name);

    [LoggerMessage(EventId = 7112, Level = LogLevel.Information, Message = "Raised event {EventName} on orchestration {InstanceId}")]
    public static partial void EventRaised(ILogger logger, string eventName, string instanceId);

    [LoggerMessage(EventId = 7113, Level = LogLevel.Information, Message = "Terminated orchestration {InstanceId}")]
    public static partial void OrchestrationTerminated(ILogger logger, string instanceId);
}
