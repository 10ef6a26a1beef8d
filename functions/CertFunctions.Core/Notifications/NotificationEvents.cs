using CertFunctions.Core.Certificates;
using CertFunctions.Core.Orchestration;
using CertFunctions.Core.Renewal;

namespace CertFunctions.Core.Notifications;

/// <summary>Builds the <see cref="NotificationEvent"/> of each outcome, with ids that stay the same on replay.</summary>
public static class NotificationEvents
{
    /// <summary>Issued or renewed, by the same rule as the Kubernetes Event (renewal, forced, issuer changed read as renewed).</summary>
    public static NotificationEvent Succeeded(IssuanceResult result, IssuanceReason reason, string instanceId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(result);
        var kind = reason is IssuanceReason.Renewal or IssuanceReason.Forced or IssuanceReason.IssuerChanged
            ? NotificationKind.Renewed
            : NotificationKind.Issued;
        return new NotificationEvent(
            NotificationEvent.StableId(kind, result.Certificate, $"{instanceId}|{at:O}"), kind, result.Certificate, at, result.Hosts,
            result.SecretName, result.Serial, result.NotAfter, result.PlannedRenewal, null, null, result.AcmeIssuer, instanceId);
    }

    /// <summary>A failed issuance, its reason and the next attempt of the back-off.</summary>
    public static NotificationEvent Failed(
        CertificateRef certificate, string instanceId, DateTimeOffset at, IReadOnlyList<string> hosts, string? secretName, string reason, DateTimeOffset? nextAttempt, string? issuer)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new NotificationEvent(
            NotificationEvent.StableId(NotificationKind.Failed, certificate, $"{instanceId}|{at:O}"), NotificationKind.Failed, certificate, at, hosts,
            secretName, null, null, null, reason, nextAttempt, issuer, instanceId);
    }

    /// <summary>Challenge routes or tokens left behind by a run.</summary>
    public static NotificationEvent CleanupFailed(
        CertificateRef certificate, string instanceId, DateTimeOffset at, IReadOnlyList<string> hosts, string? secretName, string reason, string? issuer)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new NotificationEvent(
            NotificationEvent.StableId(NotificationKind.CleanupFailed, certificate, $"{instanceId}|{at:O}"), NotificationKind.CleanupFailed, certificate, at,
            hosts, secretName, null, null, null, reason, null, issuer, instanceId);
    }

    /// <summary>A certificate expiring without renewal; one id per certificate and UTC day, so a day's repeats are one event.</summary>
    public static NotificationEvent Expiring(
        CertificateRef certificate, IReadOnlyList<string> hosts, string secretName, string? serial, ExpiryRisk risk, CertificateState? state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(risk);
        var failures = state is { ConsecutiveFailures: > 0, LastError: { } error }
            ? $" {state.ConsecutiveFailures} attempt(s) failed, the last: {error}"
            : " No attempt has failed so far.";
        var next = state?.NextAttemptAfter is { } after && after > now ? after : (DateTimeOffset?)null;
        return new NotificationEvent(
            NotificationEvent.StableId(NotificationKind.Expiring, certificate, Day(now)), NotificationKind.Expiring, certificate, now, hosts,
            secretName, serial, risk.NotAfter, risk.PlannedRenewal,
            $"The certificate {risk.Describe(now)} and has not been renewed (due since {risk.PlannedRenewal:u}).{failures}", next, state?.Issuer, null);
    }

    /// <summary>The UTC day of an instant (yyyy-MM-dd): the unit of "once per day".</summary>
    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
