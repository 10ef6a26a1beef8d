using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CertFunctions.Acme.Jws;

/// <summary>Builds flattened JWS JSON objects (RFC 7515) the way RFC 8555 section 6.2 requires.</summary>
internal static class JwsEncoder
{
    /// <summary>Signs <paramref name="payload"/> (null for POST-as-GET) with the account key, identified by <paramref name="keyId"/> or, when null, by its JWK.</summary>
    public static byte[] Sign(AccountKey key, Uri url, string? nonce, Uri? keyId, byte[]? payload)
    {
        var header = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(header))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", key.JwsAlgorithm);
            if (keyId is null)
            {
                writer.WritePropertyName("jwk");
                writer.WriteRawValue(key.JwkJson, skipInputValidation: true);
            }
            else
            {
                writer.WriteString("kid", keyId.AbsoluteUri);
            }

            if (nonce is not null)
            {
                writer.WriteString("nonce", nonce);
            }

            writer.WriteString("url", url.AbsoluteUri);
            writer.WriteEndObject();
        }

        var protectedPart = Base64Url.Encode(header.WrittenSpan);
        var payloadPart = payload is null ? string.Empty : Base64Url.Encode(payload);
        var signature = key.Sign(Encoding.ASCII.GetBytes(protectedPart + "." + payloadPart));
        return Serialize(protectedPart, payloadPart, Base64Url.Encode(signature));
    }

    /// <summary>The external account binding JWS (RFC 8555 section 7.3.4): HS256 over the account JWK.</summary>
    public static byte[] SignExternalAccountBinding(AccountKey key, string macKeyId, ReadOnlySpan<byte> macKey, Uri newAccountUrl)
    {
        var header = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(header))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", "HS256");
            writer.WriteString("kid", macKeyId);
            writer.WriteString("url", newAccountUrl.AbsoluteUri);
            writer.WriteEndObject();
        }

        var protectedPart = Base64Url.Encode(header.WrittenSpan);
        var payloadPart = Base64Url.Encode(key.JwkJson);
        var signature = HMACSHA256.HashData(macKey, Encoding.ASCII.GetBytes(protectedPart + "." + payloadPart));
        return Serialize(protectedPart, payloadPart, Base64Url.Encode(signature));
    }

    /// <summary>The inner JWS of a key rollover (RFC 8555 section 7.3.5): signed by the new key, with its JWK and no nonce.</summary>
    public static byte[] SignKeyChange(AccountKey newKey, AccountKey oldKey, Uri accountUrl, Uri keyChangeUrl)
    {
        var payload = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("account", accountUrl.AbsoluteUri);
            writer.WritePropertyName("oldKey");
            writer.WriteRawValue(oldKey.JwkJson, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return Sign(newKey, keyChangeUrl, nonce: null, keyId: null, payload.WrittenSpan.ToArray());
    }

    private static byte[] Serialize(string protectedPart, string payloadPart, string signaturePart)
    {
        var body = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("protected", protectedPart);
            writer.WriteString("payload", payloadPart);
            writer.WriteString("signature", signaturePart);
            writer.WriteEndObject();
        }

        return body.WrittenSpan.ToArray();
    }
}
