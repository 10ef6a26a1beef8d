using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Notifications;

/// <summary>
/// Delivers one event to each webhook that wants it, in parallel, each with its own retries and back-off. Runs on its
/// own, apart from the issuance that queued it: a receiver that is down delays nothing but this orchestration, and its
/// failures end here, logged and kept as undelivered for a redelivery, never in an issuance's result.
/// </summary>
public sealed partial class DeliverNotificationsOrchestrator : TaskOrchestrator<NotificationDelivery, NotificationDeliveryReport>
{
    /// <summary>The orchestrator name.</summary>
    public const string Name = nameof(DeliverNotificationsOrchestrator);

    /// <inheritdoc />
    public override async Task<NotificationDeliveryReport> RunAsync(TaskOrchestrationContext context, NotificationDelivery input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var logger = context.CreateReplaySafeLogger<DeliverNotificationsOrchestrator>();
        var deliveries = input.Webhooks.Select(webhook => DeliverAsync(context, input.Event, webhook, logger)).ToList();
        var results = await Task.WhenAll(deliveries).ConfigureAwait(true);
        var undelivered = results.Where(r => !r.Delivered).Select(r => new UndeliveredNotification(
            UndeliveredNotification.IdFor(input.Event.Id, r.Webhook), input.Event, r.Webhook, r.StatusCode, r.Detail ?? "not delivered", context.CurrentUtcDateTime)).ToList();
        if (undelivered.Count > 0)
        {
            // Kept, not only logged: a receiver back after the retries, or fixed after a refusal, can still get it.
            await context.CallActivityAsync<int>(RecordUndeliveredActivity.Name, new RecordUndeliveredInput(undelivered), NotificationRetryPolicy.Record).ConfigureAwait(true);
        }

        return new NotificationDeliveryReport(
            input.Event.Id,
            [.. results.Where(r => r.Delivered).Select(r => r.Webhook)],
            [.. results.Where(r => !r.Delivered && r.StatusCode is not null).Select(r => r.Webhook)],
            [.. results.Where(r => !r.Delivered && r.StatusCode is null).Select(r => r.Webhook)]);
    }

    private static async Task<WebhookDeliveryResult> DeliverAsync(TaskOrchestrationContext context, NotificationEvent notification, string webhook, ILogger logger)
    {
        try
        {
            return await context.CallActivityAsync<WebhookDeliveryResult>(
                DeliverNotificationActivity.Name, new WebhookDelivery(notification, webhook), NotificationRetryPolicy.Delivery).ConfigureAwait(true);
        }
        catch (TaskFailedException ex)
        {
            LogGaveUp(logger, notification.Kind, notification.Certificate, webhook, ex.FailureDetails.ErrorMessage, notification.Id);
            return new WebhookDeliveryResult(webhook, false, null, ex.FailureDetails.ErrorMessage);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Kind} for {Certificate} not delivered to webhook {Webhook} after every retry: {Reason} (event {EventId})")]
    private static partial void LogGaveUp(ILogger logger, NotificationKind kind, Certificates.CertificateRef certificate, string webhook, string reason, string eventId);
}
