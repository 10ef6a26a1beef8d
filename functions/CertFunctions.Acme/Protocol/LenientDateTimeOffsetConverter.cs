using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CertFunctions.Acme.Protocol;

/// <summary>Reads RFC 3339 times, including the nanosecond fractions Go servers write.</summary>
internal sealed class LenientDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TryGetDateTimeOffset(out var value))
        {
            return value;
        }

        var text = reader.GetString() ?? throw new JsonException("Expected an RFC 3339 time.");
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            // Keep at most 7 fractional digits, the precision DateTimeOffset holds.
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (end - dot - 1 > 7)
            {
                text = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
            }
        }

        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
        => writer.WriteStringValue(value);
}
