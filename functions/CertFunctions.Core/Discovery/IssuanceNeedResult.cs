namespace CertFunctions.Core.Discovery;

/// <summary>The outcome of <see cref="IssuanceNeedCheck"/>.</summary>
/// <param name="Need">What the object needs.</param>
/// <param name="Detail">Why, for logs and custom status.</param>
/// <param name="Uid">The object's uid when it was read, else null.</param>
/// <param name="Generation">The object's generation when it was read, else 0.</param>
/// <param name="SecretName">The Secret it asks for, when that was worked out (an Ingress).</param>
/// <param name="Secrets">A Gateway's Secrets ("namespace/name"), when they were worked out.</param>
/// <param name="Due">A Gateway's Secrets that need a certificate and are not backing off: the only ones its run issues.</param>
public sealed record IssuanceNeedResult(
    IssuanceNeed Need,
    string Detail,
    string? Uid = null,
    long Generation = 0,
    string? SecretName = null,
    IReadOnlyList<string>? Secrets = null,
    IReadOnlyList<Orchestration.DueSecret>? Due = null);
