namespace CertFunctions.Core.Discovery;

/// <summary>What discovery remembers of one opted-in Ingress or Gateway between runs (in blob storage: a scaled-to-zero app has no memory).</summary>
/// <param name="Uid">The object's uid when last checked.</param>
/// <param name="Generation">Its generation when last checked.</param>
/// <param name="SecretName">The Secret it asks for.</param>
/// <param name="SecretVersion">That Secret's uid/resourceVersion when last checked, or null when it had none.</param>
/// <param name="GatewaySecrets">A Gateway's Secrets ("namespace/name") and each one's uid/resourceVersion (null: none) when last checked.</param>
public sealed record DiscoveredState(
    string Uid, string Generation, string? SecretName, string? SecretVersion, IReadOnlyDictionary<string, string?>? GatewaySecrets = null);
