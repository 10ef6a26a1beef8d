using System.Text.Json.Serialization;

namespace CertFunctions.Acme.Protocol;

/// <summary>An identifier a certificate is requested for (RFC 8555 section 9.7.7); CertFunctions uses type "dns".</summary>
public sealed record AcmeIdentifier(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("value")] string Value)
{
    /// <summary>A DNS identifier.</summary>
    public static AcmeIdentifier Dns(string name) => new("dns", name);
}
