using System.Text.Json.Nodes;

namespace KubeApiEmulator.Routing.Gateway;

/// <summary>A Gateway of a GatewayClass this emulator controls.</summary>
internal sealed class GatewayState(JsonObject obj)
{
    /// <summary>The stored object.</summary>
    public JsonObject Object { get; } = obj;

    /// <summary>Its namespace.</summary>
    public string Namespace => Object.GetString("metadata", "namespace") ?? string.Empty;

    /// <summary>Its name.</summary>
    public string Name => Object.GetString("metadata", "name") ?? string.Empty;

    /// <summary>metadata.generation.</summary>
    public long Generation => Object.Get("metadata", "generation")?.GetValue<long>() ?? 1;

    /// <summary>The controllerName of its GatewayClass (written into route parent statuses).</summary>
    public string ControllerName { get; init; } = string.Empty;

    /// <summary>Its listeners, in spec order.</summary>
    public List<ListenerState> Listeners { get; } = [];
}
