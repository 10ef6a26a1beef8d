namespace CertFunctions.Core.Renewal.Scan;

/// <summary>What a renewal scan counts; each becomes a field of <see cref="RenewalScanReport"/>.</summary>
public enum ScanCounter
{
    /// <summary>Opted-in Ingresses seen.</summary>
    Scanned,

    /// <summary>Certificates due.</summary>
    Due,

    /// <summary>Issuances started.</summary>
    Started,

    /// <summary>Due certificates whose issuance was already running.</summary>
    AlreadyRunning,

    /// <summary>Due certificates in their failure back-off.</summary>
    BackingOff,

    /// <summary>Due only because the CA moved the renewal window.</summary>
    DueByCaWindow,

    /// <summary>Certificates whose challenge leftovers were removed.</summary>
    LeftoversRemoved,

    /// <summary>Certificates expiring without a renewal.</summary>
    AtRisk,

    /// <summary>Stored states dropped.</summary>
    StatesRetired,

    /// <summary>Ingresses using another Ingress's Secret.</summary>
    SharedSecret,

    /// <summary>Challenge tokens deleted.</summary>
    TokensRemoved,
}
