using CertFunctions.Acme.Certificates;

namespace CertFunctions.Acme;

/// <summary>Options of <see cref="AcmeClient.IssueAsync(IEnumerable{string}, IHttp01Responder, IssueOptions?, CancellationToken)"/>.</summary>
public sealed record IssueOptions
{
    /// <summary>The type of the fresh certificate key.</summary>
    public CertificateKeyAlgorithm KeyAlgorithm { get; init; } = CertificateKeyAlgorithm.EcdsaP256;

    /// <summary>Common name of the preferred chain's issuer; the default chain when none matches.</summary>
    public string? PreferredIssuer { get; init; }

    /// <summary>Profile and ARI replaces for the order.</summary>
    public OrderOptions? Order { get; init; }

    /// <summary>Used to create the account when the client has no account URL yet.</summary>
    public AccountOptions? Account { get; init; }
}
