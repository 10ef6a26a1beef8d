namespace CertFunctions.Core.Notifications;

/// <summary>What a notification tells.</summary>
public enum NotificationKind
{
    /// <summary>A certificate was issued (first issuance, or on request).</summary>
    Issued,

    /// <summary>A certificate was renewed (due, forced, or the issuer changed).</summary>
    Renewed,

    /// <summary>An issuance failed; names the reason and the next automatic attempt.</summary>
    Failed,

    /// <summary>A certificate is expiring (or expired) without a renewal; at most once per day per certificate.</summary>
    Expiring,

    /// <summary>The challenge routes or tokens of an issuance could not be removed.</summary>
    CleanupFailed,
}
