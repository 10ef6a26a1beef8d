namespace CertFunctions.Core.Notifications;

/// <summary>Input of the delivery orchestration: the event and the names of the webhooks that want it (never their URLs).</summary>
/// <param name="Event">What to tell.</param>
/// <param name="Webhooks">The webhook names, chosen by their event filters when the event was queued.</param>
public sealed record NotificationDelivery(NotificationEvent Event, IReadOnlyList<string> Webhooks);
