using System.Text.Json.Nodes;

namespace KubeApiEmulator.Routing.Gateway;

/// <summary>What the Gateway controller sees at one moment: its classes, Gateways and routes, with attachments resolved.</summary>
internal sealed class GatewayModel
{
    /// <summary>GatewayClasses whose controllerName is one of ours.</summary>
    public List<JsonObject> Classes { get; } = [];

    /// <summary>Gateways of those classes.</summary>
    public List<GatewayState> Gateways { get; } = [];

    /// <summary>HTTPRoutes with a parent among those Gateways.</summary>
    public List<HttpRouteState> Routes { get; } = [];

    /// <summary>The listeners that carry HTTP traffic on <paramref name="port"/>.</summary>
    public IEnumerable<ListenerState> HttpListeners(int port) => ServedListeners(port, "HTTP");

    /// <summary>The listeners of <paramref name="protocol"/> that carry traffic on <paramref name="port"/>.</summary>
    public IEnumerable<ListenerState> ServedListeners(int port, string protocol) =>
        Gateways.SelectMany(g => g.Listeners).Where(l => l.Port == port && l.Protocol == protocol && l.Routable);
}
