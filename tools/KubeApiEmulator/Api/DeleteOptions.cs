using System.Text.Json.Nodes;

namespace KubeApiEmulator.Api;

/// <summary>The preconditions and propagation policy of a meta/v1 DeleteOptions.</summary>
internal sealed record DeleteOptions(string? Uid, string? ResourceVersion, string? PropagationPolicy = null)
{
    /// <summary>No preconditions.</summary>
    public static DeleteOptions None { get; } = new(null, null);

    /// <summary>Reads the preconditions and propagationPolicy from a DeleteOptions body, the policy also from the query.</summary>
    public static DeleteOptions From(JsonNode? body, string? queryPolicy = null)
    {
        var policy = body.GetString("propagationPolicy");
        if (string.IsNullOrEmpty(policy))
        {
            policy = string.IsNullOrEmpty(queryPolicy) ? null : queryPolicy;
        }

        if (policy is null && body?["orphanDependents"] is JsonValue orphan && orphan.TryGetValue<bool>(out var orphanDependents) && orphanDependents)
        {
            policy = "Orphan";
        }

        return new(body.GetString("preconditions", "uid"), body.GetString("preconditions", "resourceVersion"), policy);
    }
}
