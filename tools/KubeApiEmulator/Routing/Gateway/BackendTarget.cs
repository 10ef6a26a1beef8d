namespace KubeApiEmulator.Routing.Gateway;

/// <summary>One backendRef of a route rule: the Service it names, its weight, and why it is unusable (null when usable).</summary>
internal sealed record BackendTarget(string Namespace, string Name, int Port, int Weight, string? Problem);
