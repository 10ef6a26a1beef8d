using System.Text.Json.Serialization;

namespace CertFunctions.Acme.Protocol;

/// <summary>The account update request body.</summary>
internal sealed record UpdateAccountPayload
{
    [JsonPropertyName("contact")]
    public IReadOnlyList<string>? Contact { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }
}
