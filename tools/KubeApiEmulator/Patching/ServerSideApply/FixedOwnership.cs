using System.Text.Json.Nodes;
using KubeApiEmulator.Discovery;

namespace KubeApiEmulator.Patching.ServerSideApply;

/// <summary>The managedFields a server-side apply already computed, written as they are.</summary>
internal sealed class FixedOwnership(JsonArray? managedFields) : FieldOwnership
{
    /// <inheritdoc />
    public override JsonArray? Track(ResourceType type, JsonObject? old, JsonObject next, string subresource) =>
        managedFields?.DeepClone().AsArray();
}
