using KubeApiEmulator.Discovery;

namespace KubeApiEmulator.Validation;

/// <summary>
/// The group/kind the real server names in Invalid errors: the first kind its scheme registers for the internal type.
/// The internal Ingress is registered under extensions before networking.k8s.io, and events.k8s.io serves the core Event.
/// </summary>
internal static class InternalKind
{
    /// <summary>The (group, kind) of <paramref name="type"/> as Invalid errors name it.</summary>
    public static (string Group, string Kind) Of(ResourceType type) => type switch
    {
        { Group: "networking.k8s.io", Kind: "Ingress" } => ("extensions", "Ingress"),
        { Group: "events.k8s.io", Kind: "Event" } => (string.Empty, "Event"),
        _ => (type.Group, type.Kind),
    };
}
