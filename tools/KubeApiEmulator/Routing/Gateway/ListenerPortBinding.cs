namespace KubeApiEmulator.Routing.Gateway;

/// <summary>Where a Gateway listener port is served: its protocol and the local port on 127.0.0.1, or why it could not be bound.</summary>
internal sealed record ListenerPortBinding(int ListenerPort, string Protocol, int? LocalPort, string? Error);
