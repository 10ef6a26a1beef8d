using System.Text.Json.Serialization;

namespace CertFunctions.Acme.Protocol;

/// <summary>The finalize request body: the base64url DER CSR.</summary>
internal sealed record FinalizePayload([property: JsonPropertyName("csr")] string Csr);
