using System.Text.Json.Serialization;

namespace CertFunctions.Acme.Protocol;

/// <summary>The directory's <c>meta</c> object.</summary>
public sealed record AcmeDirectoryMeta
{
    [JsonPropertyName("termsOfService")]
    public Uri? TermsOfService { get; init; }

    [JsonPropertyName("website")]
    public Uri? Website { get; init; }

    [JsonPropertyName("caaIdentities")]
    public IReadOnlyList<string>? CaaIdentities { get; init; }

    /// <summary>True when newAccount needs an external account binding.</summary>
    [JsonPropertyName("externalAccountRequired")]
    public bool? ExternalAccountRequired { get; init; }

    /// <summary>Certificate profiles the CA offers: name to description.</summary>
    [JsonPropertyName("profiles")]
    public IReadOnlyDictionary<string, string>? Profiles { get; init; }
}
