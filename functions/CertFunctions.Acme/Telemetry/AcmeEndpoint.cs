namespace CertFunctions.Acme.Telemetry;

/// <summary>
/// Which kind of ACME resource a request went to: a bounded name for metrics and traces, never the URL (account,
/// order and authorization URLs carry identifiers).
/// </summary>
public enum AcmeEndpoint
{
    /// <summary>The directory.</summary>
    Directory,

    /// <summary>newNonce.</summary>
    NewNonce,

    /// <summary>newAccount.</summary>
    NewAccount,

    /// <summary>The account resource (read, update, deactivate).</summary>
    Account,

    /// <summary>keyChange.</summary>
    KeyChange,

    /// <summary>newOrder.</summary>
    NewOrder,

    /// <summary>An order resource (read, poll).</summary>
    Order,

    /// <summary>An authorization resource (read, poll).</summary>
    Authorization,

    /// <summary>A challenge resource (answer).</summary>
    Challenge,

    /// <summary>An order's finalize URL.</summary>
    Finalize,

    /// <summary>A certificate download (default or alternate chain).</summary>
    Certificate,

    /// <summary>revokeCert.</summary>
    RevokeCertificate,

    /// <summary>renewalInfo (RFC 9773).</summary>
    RenewalInfo,
}
