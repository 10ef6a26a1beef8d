using System.Text.Json.Serialization;

namespace CertFunctions.Acme.Protocol;

/// <summary>An ACME order (RFC 8555 section 7.1.3); <see cref="Url"/> addresses it in later steps.</summary>
public sealed record AcmeOrder
{
    /// <summary>The order URL (from the Location header).</summary>
    [JsonPropertyName("url")]
    public Uri? Url { get; init; }

    [JsonPropertyName("status")]
    public AcmeStatus Status { get; init; }

    [JsonPropertyName("expires")]
    public DateTimeOffset? Expires { get; init; }

    [JsonPropertyName("identifiers")]
    public IReadOnlyList<AcmeIdentifier> Identifiers { get; init; } = [];

    [JsonPropertyName("notBefore")]
    public DateTimeOffset? NotBefore { get; init; }

    [JsonPropertyName("notAfter")]
    public DateTimeOffset? NotAfter { get; init; }

    [JsonPropertyName("error")]
    public AcmeProblem? Error { get; init; }

    [JsonPropertyName("authorizations")]
    public IReadOnlyList<Uri> Authorizations { get; init; } = [];

    [JsonPropertyName("finalize")]
    public Uri? Finalize { get; init; }

    [JsonPropertyName("certificate")]
    public Uri? Certificate { get; init; }

    /// <summary>The certificate profile, when the CA supports profiles.</summary>
    [JsonPropertyName("profile")]
    public string? Profile { get; init; }

    /// <summary>The ARI certificate id this order replaces.</summary>
    [JsonPropertyName("replaces")]
    public string? Replaces { get; init; }
}
