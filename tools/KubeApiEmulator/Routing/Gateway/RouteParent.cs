using System.Text.Json.Nodes;

namespace KubeApiEmulator.Routing.Gateway;

/// <summary>One parentRef of an HTTPRoute that names a Gateway this emulator controls, with the attachment outcome.</summary>
internal sealed record RouteParent(JsonObject ParentRef, GatewayState Gateway, bool Accepted, string Reason, string Message);
