using System.Text.Json.Serialization;

namespace CertFunctions.Core.Renewal;

/// <summary>How the last issuance of a certificate ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CertificateOutcome>))]
public enum CertificateOutcome
{
    /// <summary>No issuance has finished yet.</summary>
    None,

    /// <summary>The last issuance succeeded.</summary>
    Succeeded,

    /// <summary>The last issuance failed.</summary>
    Failed,
}
