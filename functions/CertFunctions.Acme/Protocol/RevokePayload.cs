using System.Text.Json.Serialization;

namespace CertFunctions.Acme.Protocol;

/// <summary>The revokeCert request body.</summary>
internal sealed record RevokePayload(
    [property: JsonPropertyName("certificate")] string Certificate,
    [property: JsonPropertyName("reason")] int? Reason);
