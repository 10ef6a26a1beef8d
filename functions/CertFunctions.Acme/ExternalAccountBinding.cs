namespace CertFunctions.Acme;

/// <summary>External account binding credentials (RFC 8555 section 7.3.4): the CA's key id and base64url HMAC key.</summary>
public sealed record ExternalAccountBinding(string KeyId, string HmacKeyBase64Url)
{
    /// <summary>Hides the HMAC key.</summary>
    public override string ToString() => $"ExternalAccountBinding({KeyId}, HMAC key hidden)";
}
