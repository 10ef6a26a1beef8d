using System.Text.Json.Nodes;

namespace KubeApiEmulator.Api;

/// <summary>A failed request, carried as the meta/v1 Status object the real server returns.</summary>
internal sealed class StatusException(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    /// <summary>HTTP status code.</summary>
    public int Code { get; } = code;

    /// <summary>The Status reason (NotFound, AlreadyExists, Conflict, Invalid, ...).</summary>
    public string Reason { get; } = reason;

    /// <summary>The Status details, if any.</summary>
    public JsonObject? Details { get; } = details;

    /// <summary>True when the answer is the message as text/plain instead of a Status (paths no handler serves).</summary>
    public bool PlainText { get; init; }

    /// <summary>Builds the Status object.</summary>
    public JsonObject ToStatus() => StatusObjects.Failure(Code, Reason, Message, Details?.DeepClone().AsObject());
}
