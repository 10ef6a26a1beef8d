using CertFunctions.Core.Hosting;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Renewal;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Notifications;

/// <summary>
/// The scan's "expiring without renewal" notification: at most once per UTC day per certificate, however often the scan
/// runs (the Kubernetes Event is repeated every scan; a chat message must not be). Never fails the scan.
/// </summary>
public sealed partial class ExpiringNotifier(NotificationDispatcher dispatcher, ExpiringNoticeStore store, ILogger<ExpiringNotifier> logger)
{
    /// <summary>Queues the notice for <paramref name="risk"/> unless today's was queued already; true when it queued one.</summary>
    public async Task<bool> NotifyAsync(
        IngressCertificateSpec spec, string? serial, ExpiryRisk risk, CertificateState? state, DateTimeOffset now, IOrchestrationGateway orchestrations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(risk);
        if (!dispatcher.IsWanted(NotificationKind.Expiring))
        {
            return false;
        }

        try
        {
            var day = NotificationEvents.Day(now);
            if (await store.ReadLastDayAsync(spec.Certificate, cancellationToken).ConfigureAwait(false) == day)
            {
                return false;
            }

            // Queue first, then remember: if the write is lost, the next scan queues the same event id again, and the
            // dispatcher finds its delivery already there.
            var notification = NotificationEvents.Expiring(spec.Certificate, spec.Hosts, spec.SecretName, serial, risk, state, now);
            await dispatcher.DispatchAsync(notification, orchestrations, cancellationToken).ConfigureAwait(false);
            await store.WriteAsync(spec.Certificate, day, notification.Id, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, spec.Certificate, ex.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The expiring notification for {Certificate} could not be queued (the next scan tries again): {Reason}")]
    private static partial void LogFailed(ILogger logger, Certificates.CertificateRef certificate, string reason);
}
