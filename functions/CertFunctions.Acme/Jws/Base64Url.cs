using System.Text;

namespace CertFunctions.Acme.Jws;

/// <summary>Unpadded base64url (RFC 4648 section 5) as JWS uses it.</summary>
public static class Base64Url
{
    /// <summary>Encodes bytes.</summary>
    public static string Encode(ReadOnlySpan<byte> data) => System.Buffers.Text.Base64Url.EncodeToString(data);

    /// <summary>Encodes the UTF-8 bytes of a string.</summary>
    public static string Encode(string text) => Encode(Encoding.UTF8.GetBytes(text));

    /// <summary>Decodes unpadded (or padded) base64url text.</summary>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return System.Buffers.Text.Base64Url.DecodeFromChars(text.TrimEnd('='));
    }
}
