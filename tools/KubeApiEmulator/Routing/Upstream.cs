namespace KubeApiEmulator.Routing;

/// <summary>Where the front sends a request: the upstream base URL and the Host header to send.</summary>
internal sealed record Upstream(Uri BaseUrl, string? HostHeader, IngressPath Route);
