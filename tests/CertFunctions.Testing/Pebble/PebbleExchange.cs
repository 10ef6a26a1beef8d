using System.Text;
using System.Text.Json;

namespace CertFunctions.Testing.Pebble;

/// <summary>One request through <see cref="PebbleHoldingProxy"/> and Pebble's answer.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path, e.g. <c>/order-plz</c> or <c>/chalZ/…</c>.</param>
/// <param name="Payload">The decoded JWS payload of a POST (empty for POST-as-GET), or null when there is none.</param>
/// <param name="StatusCode">Pebble's status code.</param>
/// <param name="AnswerBody">Pebble's answer body.</param>
public sealed record PebbleExchange(string Method, string Path, string? Payload, int StatusCode, string AnswerBody)
{
    /// <summary>Decodes the <c>payload</c> member of a flattened JWS body, or null when the body is not one.</summary>
    public static string? PayloadOf(string? body)
    {
        if (string.IsNullOrEmpty(body) || body[0] != '{')
        {
            return null;
        }

        using var document = JsonDocument.Parse(body);
        if (!document.RootElement.TryGetProperty("payload", out var payload) || payload.GetString() is not { } encoded)
        {
            return null;
        }

        var base64 = encoded.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
    }
}
