using System.Text.Json;
using System.Text.Json.Serialization;

namespace CertFunctions.Acme.Protocol;

/// <summary>Source-generated System.Text.Json metadata for every wire type.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(LenientDateTimeOffsetConverter)])]
[JsonSerializable(typeof(AcmeDirectory))]
[JsonSerializable(typeof(AcmeAccount))]
[JsonSerializable(typeof(AcmeOrder))]
[JsonSerializable(typeof(AcmeAuthorization))]
[JsonSerializable(typeof(AcmeChallenge))]
[JsonSerializable(typeof(AcmeProblem))]
[JsonSerializable(typeof(NewAccountPayload))]
[JsonSerializable(typeof(UpdateAccountPayload))]
[JsonSerializable(typeof(NewOrderPayload))]
[JsonSerializable(typeof(FinalizePayload))]
[JsonSerializable(typeof(RevokePayload))]
[JsonSerializable(typeof(RenewalInfoPayload))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class AcmeJsonContext : JsonSerializerContext;
