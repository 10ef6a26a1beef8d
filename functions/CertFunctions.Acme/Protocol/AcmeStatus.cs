using System.Text.Json.Serialization;

namespace CertFunctions.Acme.Protocol;

/// <summary>The status of an ACME account, order, authorization or challenge (RFC 8555 section 7.1.6).</summary>
[JsonConverter(typeof(AcmeStatusConverter))]
public enum AcmeStatus
{
    /// <summary>A value this client does not know.</summary>
    Unknown,

    /// <summary>pending</summary>
    Pending,

    /// <summary>ready (orders: all authorizations valid, finalize now)</summary>
    Ready,

    /// <summary>processing</summary>
    Processing,

    /// <summary>valid</summary>
    Valid,

    /// <summary>invalid</summary>
    Invalid,

    /// <summary>deactivated</summary>
    Deactivated,

    /// <summary>expired</summary>
    Expired,

    /// <summary>revoked</summary>
    Revoked,
}
