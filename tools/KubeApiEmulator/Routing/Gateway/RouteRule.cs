using System.Text.Json.Nodes;

namespace KubeApiEmulator.Routing.Gateway;

/// <summary>One rule of an HTTPRoute: its matches and filters as written, and its resolved backends.</summary>
internal sealed record RouteRule(int Index, IReadOnlyList<JsonObject> Matches, IReadOnlyList<JsonObject> Filters, IReadOnlyList<BackendTarget> Backends);
