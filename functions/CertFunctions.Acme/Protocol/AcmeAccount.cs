using System.Text.Json.Serialization;

namespace CertFunctions.Acme.Protocol;

/// <summary>An ACME account resource (RFC 8555 section 7.1.2); <see cref="Url"/> is its kid.</summary>
public sealed record AcmeAccount
{
    /// <summary>The account URL (from the Location header).</summary>
    [JsonPropertyName("url")]
    public Uri? Url { get; init; }

    [JsonPropertyName("status")]
    public AcmeStatus Status { get; init; }

    [JsonPropertyName("contact")]
    public IReadOnlyList<string>? Contact { get; init; }

    [JsonPropertyName("termsOfServiceAgreed")]
    public bool? TermsOfServiceAgreed { get; init; }

    [JsonPropertyName("orders")]
    public Uri? Orders { get; init; }
}
