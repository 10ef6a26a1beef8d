using System.Text.Json.Serialization;

namespace CertFunctions.Acme.Protocol;

/// <summary>The newOrder request body.</summary>
internal sealed record NewOrderPayload
{
    [JsonPropertyName("identifiers")]
    public required IReadOnlyList<AcmeIdentifier> Identifiers { get; init; }

    [JsonPropertyName("profile")]
    public string? Profile { get; init; }

    [JsonPropertyName("replaces")]
    public string? Replaces { get; init; }
}
