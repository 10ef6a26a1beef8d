using System.Text.Json;
using System.Text.Json.Serialization;

namespace CertFunctions.Acme.Protocol;

/// <summary>Reads and writes <see cref="AcmeStatus"/> as the lower-case RFC 8555 strings; unknown strings read as Unknown.</summary>
public sealed class AcmeStatusConverter : JsonConverter<AcmeStatus>
{
    /// <inheritdoc />
    public override AcmeStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString() switch
    {
        "pending" => AcmeStatus.Pending,
        "ready" => AcmeStatus.Ready,
        "processing" => AcmeStatus.Processing,
        "valid" => AcmeStatus.Valid,
        "invalid" => AcmeStatus.Invalid,
        "deactivated" => AcmeStatus.Deactivated,
        "expired" => AcmeStatus.Expired,
        "revoked" => AcmeStatus.Revoked,
        _ => AcmeStatus.Unknown,
    };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, AcmeStatus value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value == AcmeStatus.Unknown ? "unknown" : value.ToString().ToLowerInvariant());
    }
}
