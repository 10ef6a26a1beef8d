using System.Text.Json;
using System.Text.Json.Serialization;

namespace CertFunctions.Acme.Protocol;

/// <summary>The newAccount request body.</summary>
internal sealed record NewAccountPayload
{
    [JsonPropertyName("contact")]
    public IReadOnlyList<string>? Contact { get; init; }

    [JsonPropertyName("termsOfServiceAgreed")]
    public bool? TermsOfServiceAgreed { get; init; }

    [JsonPropertyName("onlyReturnExisting")]
    public bool? OnlyReturnExisting { get; init; }

    [JsonPropertyName("externalAccountBinding")]
    public JsonElement? ExternalAccountBinding { get; init; }
}
