namespace CertFunctions.Core.Discovery;

/// <summary>A cluster as discovery sees it, from metadata lists only: every Ingress and every Secret we manage.</summary>
/// <param name="Cluster">The cluster.</param>
/// <param name="Ingresses">Every Ingress.</param>
/// <param name="Secrets">Our Secrets, by namespace/name.</param>
/// <param name="ListRequests">How many list requests it took.</param>
public sealed record DiscoveryInventory(
    string Cluster,
    IReadOnlyList<ObjectMetadata> Ingresses,
    IReadOnlyDictionary<string, ObjectMetadata> Secrets,
    int ListRequests);
