using System.Security.Cryptography;
using System.Text;
using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Notifications;

/// <summary>
/// One thing to tell the webhooks, in every format: never a key, token or URL with credentials. Built deterministically
/// (orchestration time and instance id), so its <see cref="Id"/> is the same on every replay and every retry: receivers
/// can drop duplicates by it.
/// </summary>
/// <param name="Id">Stable id: the same event always has the same id (the CloudEvents <c>id</c>).</param>
/// <param name="Kind">What happened.</param>
/// <param name="Certificate">The object asking for the certificate (Ingress or Gateway).</param>
/// <param name="At">When it happened (orchestration or scan time).</param>
/// <param name="Hosts">The names on the certificate, when known.</param>
/// <param name="SecretName">The Secret, when known.</param>
/// <param name="Serial">The certificate's serial (issued, renewed, expiring).</param>
/// <param name="NotAfter">End of validity (issued, renewed, expiring).</param>
/// <param name="PlannedRenewal">When it is (or was) due for renewal.</param>
/// <param name="Reason">Why it failed, what was left behind, or how the expiry stands.</param>
/// <param name="NextAttemptAt">The next automatic attempt after a failure (the back-off), when known.</param>
/// <param name="Issuer">The named ACME issuer, when known.</param>
/// <param name="InstanceId">The orchestration instance that reported it, when one did.</param>
public sealed record NotificationEvent(
    string Id,
    NotificationKind Kind,
    CertificateRef Certificate,
    DateTimeOffset At,
    IReadOnlyList<string> Hosts,
    string? SecretName,
    string? Serial,
    DateTimeOffset? NotAfter,
    DateTimeOffset? PlannedRenewal,
    string? Reason,
    DateTimeOffset? NextAttemptAt,
    string? Issuer,
    string? InstanceId)
{
    /// <summary>A stable id from what identifies the event: kind, certificate, and the run or the day.</summary>
    public static string StableId(NotificationKind kind, CertificateRef certificate, string discriminator)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var key = $"{kind}|{certificate.InstanceId}|{discriminator}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
    }
}
