namespace CertFunctions.Core.Notifications;

/// <summary>The <c>data</c> of a CloudEvents notification: the event's facts as JSON (camelCase, nulls left out).</summary>
/// <param name="Event">The filter name of the event (issued, renewed, failed, expiring, cleanupFailed).</param>
/// <param name="Cluster">The configured cluster name.</param>
/// <param name="Namespace">The object's namespace.</param>
/// <param name="ObjectKind">Ingress or Gateway.</param>
/// <param name="Name">The object's name.</param>
/// <param name="Hosts">The names on the certificate.</param>
/// <param name="SecretName">The Secret.</param>
/// <param name="Serial">The certificate serial (hex).</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="PlannedRenewal">When it is due for renewal.</param>
/// <param name="Reason">Failure reason, leftover, or expiry description.</param>
/// <param name="NextAttemptAt">The next automatic attempt after a failure.</param>
/// <param name="Issuer">The named ACME issuer.</param>
/// <param name="InstanceId">The orchestration instance.</param>
public sealed record NotificationData(
    string Event,
    string Cluster,
    string Namespace,
    string ObjectKind,
    string Name,
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
    /// <summary>The data of <paramref name="notification"/>.</summary>
    public static NotificationData From(NotificationEvent notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var certificate = notification.Certificate;
        return new NotificationData(
            NotificationKinds.FilterName(notification.Kind), certificate.Cluster, certificate.Namespace, certificate.Kind.ToString(), certificate.Name,
            notification.Hosts, notification.SecretName, notification.Serial, notification.NotAfter, notification.PlannedRenewal, notification.Reason,
            notification.NextAttemptAt, notification.Issuer, notification.InstanceId);
    }
}
