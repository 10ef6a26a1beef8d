using System.Text.Json.Nodes;
using KubeApiEmulator.Routing.Gateway.Tls;

namespace KubeApiEmulator.Routing.Gateway;

/// <summary>One listener of a Gateway this emulator controls, with what the controller found about it.</summary>
internal sealed class ListenerState(GatewayState gateway, JsonObject spec)
{
    /// <summary>The Gateway it belongs to.</summary>
    public GatewayState Gateway { get; } = gateway;

    /// <summary>The listener as written in the spec.</summary>
    public JsonObject Spec { get; } = spec;

    /// <summary>Its name.</summary>
    public string Name => Spec.GetString("name") ?? string.Empty;

    /// <summary>Its port.</summary>
    public int Port => Spec["port"] is JsonValue port && port.TryGetValue<int>(out var value) ? value : 0;

    /// <summary>Its protocol (HTTP, HTTPS, ...).</summary>
    public string Protocol => Spec.GetString("protocol") ?? string.Empty;

    /// <summary>Its hostname, or null for any host.</summary>
    public string? Hostname => Spec.GetString("hostname");

    /// <summary>The route kinds it accepts (group/kind objects).</summary>
    public List<JsonObject> SupportedKinds { get; } = [];

    /// <summary>True when the protocol is one this emulator serves (HTTP, HTTPS).</summary>
    public bool SupportedProtocol => Protocol is "HTTP" or "HTTPS";

    /// <summary>Why references do not resolve (InvalidRouteKinds, InvalidCertificateRef, RefNotPermitted), or null.</summary>
    public (string Reason, string Message)? UnresolvedRefs { get; set; }

    /// <summary>For HTTPS: the certificate of its first certificateRef, when that resolves and loads.</summary>
    public ServingCertificate? Certificate { get; set; }

    /// <summary>True when another listener of the Gateway uses the port with an incompatible protocol.</summary>
    public bool ProtocolConflict { get; set; }

    /// <summary>The routes attached to it.</summary>
    public List<HttpRouteState> Routes { get; } = [];

    /// <summary>True when it can carry traffic: served protocol, no conflict, references resolved.</summary>
    public bool Routable => SupportedProtocol && !ProtocolConflict && UnresolvedRefs is null;

    /// <summary>True when HTTPRoutes may attach: served protocol and HTTPRoute among the supported kinds.</summary>
    public bool AcceptsHttpRoutes => SupportedProtocol && SupportedKinds.Count > 0;
}
