namespace CertFunctions.Core.Kubernetes.Routing;

/// <summary>The responder Service challenge paths point to, in one namespace.</summary>
/// <param name="Name">Service name.</param>
/// <param name="Port">Service port.</param>
/// <param name="ExternalName">The Function App host when the Service is an ExternalName we manage; else null.</param>
/// <param name="Created">True when this call created it.</param>
public sealed record ResponderService(string Name, int Port, string? ExternalName, bool Created);
