namespace CertFunctions.Acme;

/// <summary>Optional newOrder fields: certificate profile and the ARI id of the certificate being replaced.</summary>
public sealed record OrderOptions
{
    /// <summary>A profile name from the directory's <c>meta.profiles</c>; ignored when the CA lists no profiles.</summary>
    public string? Profile { get; init; }

    /// <summary>ARI certificate id (see <see cref="Ari.AriCertificateId"/>); dropped when the CA has no renewalInfo or rejects it.</summary>
    public string? Replaces { get; init; }
}
