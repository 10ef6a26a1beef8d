using CertFunctions.Core.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Notifications;

/// <summary>
/// Hands an event to its own delivery orchestration (<see cref="DeliverNotificationsOrchestrator"/>), so whoever reports
/// it (an issuance, the scan) is never held by a slow or absent receiver. The instance id comes from the event id: the
/// same event queued twice (an activity run again) starts one delivery.
/// </summary>
public sealed partial class NotificationDispatcher(IOptionsMonitor<NotificationOptions> options, ILogger<NotificationDispatcher> logger)
{
    /// <summary>The delivery orchestration's instance id for an event.</summary>
    public static string InstanceIdFor(NotificationEvent notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return $"notify_{notification.Id}";
    }

    /// <summary>True when at least one webhook wants <paramref name="kind"/>.</summary>
    public bool IsWanted(NotificationKind kind) => options.CurrentValue.WebhooksFor(kind).Count > 0;

    /// <summary>Starts the delivery of <paramref name="notification"/> to the webhooks that want it; false when none does.</summary>
    public async Task<bool> DispatchAsync(NotificationEvent notification, IOrchestrationGateway orchestrations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(orchestrations);
        var webhooks = options.CurrentValue.WebhooksFor(notification.Kind);
        if (webhooks.Count == 0)
        {
            return false;
        }

        var instanceId = InstanceIdFor(notification);
        if (await orchestrations.GetAsync(instanceId, cancellationToken).ConfigureAwait(false) is not null)
        {
            // Queued before (this step ran again): the first delivery stands, finished or not.
            return true;
        }

        await orchestrations.StartIfNotRunningAsync(
            DeliverNotificationsOrchestrator.Name, instanceId, new NotificationDelivery(notification, webhooks), cancellationToken).ConfigureAwait(false);
        LogQueued(logger, notification.Kind, notification.Certificate, webhooks.Count, notification.Id);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {Kind} for {Certificate} queued for {Webhooks} webhook(s) (event {EventId})")]
    private static partial void LogQueued(ILogger logger, NotificationKind kind, Certificates.CertificateRef certificate, int webhooks, string eventId);
}
