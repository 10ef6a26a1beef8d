using System.Text.Json.Nodes;

namespace KubeApiEmulator.Patching.ServerSideApply;

/// <summary>The object an apply produces and its managedFields.</summary>
internal sealed record ApplyResult(JsonObject Object, JsonArray? ManagedFields);
