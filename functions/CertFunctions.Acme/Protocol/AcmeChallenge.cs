using System.Text.Json.Serialization;

namespace CertFunctions.Acme.Protocol;

/// <summary>An ACME challenge (RFC 8555 section 8).</summary>
public sealed record AcmeChallenge
{
    /// <summary>The http-01 challenge type.</summary>
    public const string Http01Type = "http-01";

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("url")]
    public required Uri Url { get; init; }

    [JsonPropertyName("status")]
    public AcmeStatus Status { get; init; }

    [JsonPropertyName("token")]
    public string? Token { get; init; }

    [JsonPropertyName("validated")]
    public DateTimeOffset? Validated { get; init; }

    /// <summary>Why validation failed.</summary>
    [JsonPropertyName("error")]
    public AcmeProblem? Error { get; init; }
}
