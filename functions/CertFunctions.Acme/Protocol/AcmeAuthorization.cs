using System.Text.Json.Serialization;

namespace CertFunctions.Acme.Protocol;

/// <summary>An ACME authorization (RFC 8555 section 7.1.4).</summary>
public sealed record AcmeAuthorization
{
    /// <summary>The authorization URL.</summary>
    [JsonPropertyName("url")]
    public Uri? Url { get; init; }

    [JsonPropertyName("identifier")]
    public required AcmeIdentifier Identifier { get; init; }

    [JsonPropertyName("status")]
    public AcmeStatus Status { get; init; }

    [JsonPropertyName("expires")]
    public DateTimeOffset? Expires { get; init; }

    [JsonPropertyName("challenges")]
    public IReadOnlyList<AcmeChallenge> Challenges { get; init; } = [];

    [JsonPropertyName("wildcard")]
    public bool? Wildcard { get; init; }

    /// <summary>The http-01 challenge, or null when the CA offers none.</summary>
    [JsonIgnore]
    public AcmeChallenge? Http01 => Challenges.FirstOrDefault(c => c.Type == AcmeChallenge.Http01Type);
}
