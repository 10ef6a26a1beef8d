using CertFunctions.Core.Telemetry;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Notifications;

/// <summary>
/// Keeps what a delivery could not deliver, so an event outlives a receiver's outage beyond the retries or a refusal
/// until someone redelivers it. Safe to run twice: each record is written whole under its stable id.
/// </summary>
public sealed partial class RecordUndeliveredActivity(UndeliveredNotificationStore store, ILogger<RecordUndeliveredActivity> logger)
    : TaskActivity<RecordUndeliveredInput, int>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(RecordUndeliveredActivity);

    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, RecordUndeliveredInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        foreach (var notification in input.Notifications)
        {
            await store.SaveAsync(notification, CancellationToken.None).ConfigureAwait(false);
            LogKept(logger, notification.Event.Kind, notification.Event.Certificate, notification.Webhook, notification.Id);
            CertFunctionsMetrics.RecordNotificationDelivery(
                notification.StatusCode is null ? "unreachable" : "refused", notification.Webhook, NotificationKinds.FilterName(notification.Event.Kind));
        }

        return input.Notifications.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Kind} for {Certificate} kept as undelivered for webhook {Webhook} (id {Id}); POST api/notifications/undelivered/<id>/redeliver sends it again")]
    private static partial void LogKept(ILogger logger, NotificationKind kind, Certificates.CertificateRef certificate, string webhook, string id);
}
