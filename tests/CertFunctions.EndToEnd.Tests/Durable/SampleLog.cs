using Microsoft.Extensions.Logging;

namespace CertFunctions.EndToEnd.Tests.Durable;

/// <summary>Log messages of the sample orchestrations (through replay-safe loggers).</summary>
internal static partial class SampleLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Quoting {Customer}")]
    public static partial void Quoting(ILogger logger, string customer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Label} fires at {FireAt:o}")]
    public static partial void TimerScheduled(ILogger logger, string label, DateTime fireAt);
}
