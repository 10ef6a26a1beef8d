namespace KubeApiEmulator.Routing.Gateway;

/// <summary>
/// The protocol each Gateway listener port is served with, and the listeners that cannot have their port: the front plays
/// its listener port as HTTP, and a port another Gateway already serves with the other protocol stays with the oldest Gateway.
/// </summary>
internal sealed class ListenerPortPlan
{
    private readonly Dictionary<ListenerState, string> _refused = [];

    /// <summary>The ports to serve on servers of their own (the front's port excluded), with their protocol.</summary>
    public Dictionary<int, string> Ports { get; } = [];

    /// <summary>Works out the plan for <paramref name="model"/> when the front plays <paramref name="frontListenerPort"/>.</summary>
    public static ListenerPortPlan For(GatewayModel model, int frontListenerPort)
    {
        var plan = new ListenerPortPlan();
        var owners = new Dictionary<int, (string Protocol, GatewayState Gateway)>();
        var gateways = model.Gateways
            .OrderBy(g => g.Object.GetString("metadata", "creationTimestamp"), StringComparer.Ordinal)
            .ThenBy(g => g.Namespace + "/" + g.Name, StringComparer.Ordinal);
        foreach (var listener in gateways.SelectMany(g => g.Listeners).Where(l => l.SupportedProtocol))
        {
            if (listener.Port == frontListenerPort)
            {
                if (listener.Protocol != "HTTP")
                {
                    plan._refused[listener] = $"port {frontListenerPort} is served as HTTP by the routing front";
                }

                continue;
            }

            if (!owners.TryGetValue(listener.Port, out var owner))
            {
                owners[listener.Port] = (listener.Protocol, listener.Gateway);
                plan.Ports[listener.Port] = listener.Protocol;
            }
            else if (owner.Protocol != listener.Protocol && owner.Gateway != listener.Gateway)
            {
                // Within one Gateway this is a ProtocolConflict; across Gateways the port cannot be merged.
                plan._refused[listener] = $"port {listener.Port} is served as {owner.Protocol} for gateway {owner.Gateway.Namespace}/{owner.Gateway.Name}";
            }
        }

        return plan;
    }

    /// <summary>Why <paramref name="listener"/> cannot have its port, or null.</summary>
    public string? Refusal(ListenerState listener) => _refused.GetValueOrDefault(listener);
}
