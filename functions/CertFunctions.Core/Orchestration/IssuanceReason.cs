using System.Text.Json.Serialization;

namespace CertFunctions.Core.Orchestration;

/// <summary>Why an issuance runs.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IssuanceReason>))]
public enum IssuanceReason
{
    /// <summary>Requested through the HTTP API.</summary>
    Requested,

    /// <summary>The deployed certificate is due for renewal.</summary>
    Renewal,

    /// <summary>An opted-in Ingress has no valid certificate for all its names.</summary>
    Discovered,

    /// <summary>Renewal forced through the HTTP API.</summary>
    Forced,

    /// <summary>The object now asks for another ACME issuer than the one that issued its certificate.</summary>
    IssuerChanged,
}
