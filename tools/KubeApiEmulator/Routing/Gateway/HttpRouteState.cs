using System.Text.Json.Nodes;

namespace KubeApiEmulator.Routing.Gateway;

/// <summary>An HTTPRoute with at least one parent this emulator controls.</summary>
internal sealed class HttpRouteState(JsonObject obj, IReadOnlyList<RouteRule> rules)
{
    /// <summary>The stored object.</summary>
    public JsonObject Object { get; } = obj;

    /// <summary>Its namespace.</summary>
    public string Namespace => Object.GetString("metadata", "namespace") ?? string.Empty;

    /// <summary>Its name.</summary>
    public string Name => Object.GetString("metadata", "name") ?? string.Empty;

    /// <summary>metadata.creationTimestamp, for the oldest-route-wins tie break.</summary>
    public string Created => Object.GetString("metadata", "creationTimestamp") ?? string.Empty;

    /// <summary>metadata.generation.</summary>
    public long Generation => Object.Get("metadata", "generation")?.GetValue<long>() ?? 1;

    /// <summary>spec.hostnames (empty: the listener's).</summary>
    public IReadOnlyList<string> Hostnames { get; } = [.. (obj.Get("spec", "hostnames") as JsonArray ?? []).Select(h => h?.ToString() ?? string.Empty)];

    /// <summary>Its rules.</summary>
    public IReadOnlyList<RouteRule> Rules { get; } = rules;

    /// <summary>Its parents handled here, in parentRefs order.</summary>
    public List<RouteParent> Parents { get; } = [];

    /// <summary>Why backend references do not resolve (BackendNotFound, RefNotPermitted, InvalidKind), or null.</summary>
    public (string Reason, string Message)? UnresolvedRefs { get; set; }

    /// <summary>A filter this emulator does not implement, or null.</summary>
    public string? UnsupportedFilter { get; set; }
}
