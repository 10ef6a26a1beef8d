namespace CertFunctions.Acme.Certificates;

/// <summary>CRL reason codes accepted by revokeCert (RFC 5280 section 5.3.1).</summary>
public enum RevocationReason
{
    Unspecified = 0,
    KeyCompromise = 1,
    AffiliationChanged = 3,
    Superseded = 4,
    CessationOfOperation = 5,
}
