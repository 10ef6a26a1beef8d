using System.Text.Json.Nodes;

namespace KubeApiEmulator.Api;

/// <summary>The preconditions of a meta/v1 DeleteOptions body.</summary>
internal sealed record DeleteOptions(string? Uid, string? ResourceVersion)
{
    /// <summary>No preconditions.</summary>
    public static DeleteOptions None { get; } = new(null, null);

    /// <summary>Reads the preconditions from a DeleteOptions body (null when absent).</summary>
    public static DeleteOptions From(JsonNode? body) =>
        new(body.GetString("preconditions", "uid"), body.GetString("preconditions", "resourceVersion"));
}
