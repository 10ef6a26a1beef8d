using System.Text.Json;
using CertFunctions.Core.Hosting;
using DurableTask.Core;
using DurableTask.Core.History;

namespace CertFunctions.Local.Durable;

/// <summary>
/// Reads why an instance failed. Azure Storage keeps only "type: message" of the outermost failure in the instance row,
/// so the full failure (with the inner failure of an activity) is read from the ExecutionCompleted history event.
/// </summary>
internal static class FailureDetailsReader
{
    private const int ExecutionCompletedEventType = (int)EventType.ExecutionCompleted;

    /// <summary>Wrapper exceptions the shims put around a failed activity or sub-orchestration; the cause is inside.</summary>
    private static readonly HashSet<string> WrapperErrorTypes = new(StringComparer.Ordinal)
    {
        "Microsoft.DurableTask.TaskFailedException",
        "DurableTask.Core.Exceptions.TaskFailedException",
        "DurableTask.Core.Exceptions.SubOrchestrationFailedException",
    };

    /// <summary>
    /// The failure, an unhandled activity (or sub-orchestration) failure unwrapped from the TaskFailedException around it,
    /// so that it names the exception the activity threw.
    /// </summary>
    public static OrchestrationFailure? FromFailureDetails(FailureDetails? details)
    {
        if (details is null)
        {
            return null;
        }

        while (details.InnerFailure is not null && WrapperErrorTypes.Contains(details.ErrorType))
        {
            details = details.InnerFailure;
        }

        return new OrchestrationFailure(details.ErrorType, details.ErrorMessage);
    }

    /// <summary>The failure of the last ExecutionCompleted event in a DTFx history (JSON as the service returns it), if any.</summary>
    public static OrchestrationFailure? FromHistoryJson(string? historyJson)
    {
        if (string.IsNullOrWhiteSpace(historyJson))
        {
            return null;
        }

        using var history = JsonDocument.Parse(historyJson);
        if (history.RootElement.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        JsonElement? completed = null;
        foreach (var historyEvent in history.RootElement.EnumerateArray())
        {
            if (IsExecutionCompleted(historyEvent)
                && historyEvent.TryGetProperty("FailureDetails", out var failure)
                && failure.ValueKind == JsonValueKind.Object)
            {
                completed = failure;
            }
        }

        return completed is { } details ? FromFailureDetails(ToFailureDetails(details)) : null;
    }

    /// <summary>The outermost failure as the instance row keeps it ("type: message").</summary>
    public static OrchestrationFailure FromOutput(string? output)
    {
        if (string.IsNullOrEmpty(output))
        {
            return new OrchestrationFailure("Unknown", "The orchestration failed without failure details.");
        }

        var separator = output.IndexOf(": ", StringComparison.Ordinal);
        return separator > 0 && !output[..separator].Contains(' ', StringComparison.Ordinal)
            ? new OrchestrationFailure(output[..separator], output[(separator + 2)..])
            : new OrchestrationFailure("Unknown", output);
    }

    private static bool IsExecutionCompleted(JsonElement historyEvent)
    {
        if (historyEvent.ValueKind != JsonValueKind.Object || !historyEvent.TryGetProperty("EventType", out var eventType))
        {
            return false;
        }

        return eventType.ValueKind switch
        {
            JsonValueKind.Number => eventType.TryGetInt32(out var value) && value == ExecutionCompletedEventType,
            JsonValueKind.String => eventType.GetString() == nameof(EventType.ExecutionCompleted),
            _ => false,
        };
    }

    private static FailureDetails ToFailureDetails(JsonElement details)
    {
        var inner = details.TryGetProperty("InnerFailure", out var innerElement) && innerElement.ValueKind == JsonValueKind.Object
            ? ToFailureDetails(innerElement)
            : null;
        return new FailureDetails(
            GetString(details, "ErrorType") ?? "Unknown",
            GetString(details, "ErrorMessage") ?? string.Empty,
            GetString(details, "StackTrace"),
            inner,
            isNonRetriable: details.TryGetProperty("IsNonRetriable", out var nonRetriable) && nonRetriable.ValueKind == JsonValueKind.True);
    }

    private static string? GetString(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
