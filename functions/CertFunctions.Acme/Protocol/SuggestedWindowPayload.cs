using System.Text.Json.Serialization;

namespace CertFunctions.Acme.Protocol;

/// <summary>The suggestedWindow object of a renewalInfo response.</summary>
internal sealed record SuggestedWindowPayload(
    [property: JsonPropertyName("start")] DateTimeOffset Start,
    [property: JsonPropertyName("end")] DateTimeOffset End);
