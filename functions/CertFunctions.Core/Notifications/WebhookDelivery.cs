namespace CertFunctions.Core.Notifications;

/// <summary>Input of one delivery attempt: the event and one webhook's name.</summary>
/// <param name="Event">What to tell.</param>
/// <param name="Webhook">The webhook's name (its URL is read from the settings by the activity, so it is never in history).</param>
public sealed record WebhookDelivery(NotificationEvent Event, string Webhook);
