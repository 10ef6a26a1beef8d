using System.Text.Json.Serialization;

namespace CertFunctions.Acme.Protocol;

/// <summary>The renewalInfo response body (RFC 9773 section 4.2).</summary>
internal sealed record RenewalInfoPayload
{
    [JsonPropertyName("suggestedWindow")]
    public required SuggestedWindowPayload SuggestedWindow { get; init; }

    [JsonPropertyName("explanationURL")]
    public Uri? ExplanationUrl { get; init; }
}
