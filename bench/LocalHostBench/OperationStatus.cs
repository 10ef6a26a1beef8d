using System.Globalization;
using System.Text.Json.Nodes;

namespace LocalHostBench;

/// <summary>The fields of GET api/certificates/operations/{id} the benchmark reads.</summary>
internal sealed record OperationStatus(string Status, string? Step, DateTimeOffset? CreatedAt, DateTimeOffset? LastUpdatedAt, string Json)
{
    /// <summary>True once the operation ended.</summary>
    public bool IsFinal => Status is "Completed" or "Failed" or "Terminated";

    /// <summary>Server-side duration: lastUpdatedAt - createdAt.</summary>
    public TimeSpan? ServerDuration => CreatedAt is { } c && LastUpdatedAt is { } u ? u - c : null;

    public static OperationStatus From(JsonObject json) => new(
        (string?)json["status"] ?? "?",
        json["progress"]?["step"]?.ToString(),
        Time(json["createdAt"]),
        Time(json["lastUpdatedAt"]),
        json.ToJsonString());

    private static DateTimeOffset? Time(JsonNode? node) =>
        node is not null && DateTimeOffset.TryParse((string?)node, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
