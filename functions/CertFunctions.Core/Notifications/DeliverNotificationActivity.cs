using Microsoft.DurableTask;

namespace CertFunctions.Core.Notifications;

/// <summary>
/// Sends one event to one webhook. Safe to run twice: the body (and its CloudEvents id) is the same each time, so a
/// receiver that got it already can drop the copy.
/// </summary>
public sealed class DeliverNotificationActivity(WebhookSender sender) : TaskActivity<WebhookDelivery, WebhookDeliveryResult>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(DeliverNotificationActivity);

    /// <inheritdoc />
    public override Task<WebhookDeliveryResult> RunAsync(TaskActivityContext context, WebhookDelivery input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return sender.SendAsync(input.Webhook, input.Event, CancellationToken.None);
    }
}
