using System.Text.Json.Nodes;

namespace KubeApiEmulator.Routing.Gateway;

/// <summary>One status condition as a Gateway controller reports it (type, status, reason, message).</summary>
internal sealed record Condition(string Type, bool Status, string Reason, string Message)
{
    /// <summary>The metav1.Condition object; the transition time is kept from <paramref name="previous"/> when the status did not change.</summary>
    public JsonObject ToJson(long generation, JsonArray? previous, string now)
    {
        var status = Status ? "True" : "False";
        var old = (previous ?? []).FirstOrDefault(c => c.GetString("type") == Type);
        var since = old.GetString("status") == status ? old.GetString("lastTransitionTime") ?? now : now;
        return new JsonObject
        {
            ["lastTransitionTime"] = since,
            ["message"] = Message,
            ["observedGeneration"] = generation,
            ["reason"] = Reason,
            ["status"] = status,
            ["type"] = Type,
        };
    }

    /// <summary>The conditions as a JSON array.</summary>
    public static JsonArray ToJson(IEnumerable<Condition> conditions, long generation, JsonArray? previous, string now) =>
        [.. conditions.Select(c => (JsonNode)c.ToJson(generation, previous, now))];
}
