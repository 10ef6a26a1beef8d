using System.Text.Json.Serialization;

namespace CertFunctions.Acme.Protocol;

/// <summary>The ACME directory (RFC 8555 section 7.1.1, plus RFC 9773 renewalInfo).</summary>
public sealed record AcmeDirectory
{
    [JsonPropertyName("newNonce")]
    public required Uri NewNonce { get; init; }

    [JsonPropertyName("newAccount")]
    public required Uri NewAccount { get; init; }

    [JsonPropertyName("newOrder")]
    public required Uri NewOrder { get; init; }

    [JsonPropertyName("newAuthz")]
    public Uri? NewAuthz { get; init; }

    [JsonPropertyName("revokeCert")]
    public Uri? RevokeCert { get; init; }

    [JsonPropertyName("keyChange")]
    public Uri? KeyChange { get; init; }

    /// <summary>The ARI base URL, when the CA supports RFC 9773.</summary>
    [JsonPropertyName("renewalInfo")]
    public Uri? RenewalInfo { get; init; }

    [JsonPropertyName("meta")]
    public AcmeDirectoryMeta? Meta { get; init; }
}
