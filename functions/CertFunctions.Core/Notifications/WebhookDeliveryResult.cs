namespace CertFunctions.Core.Notifications;

/// <summary>How one delivery to one webhook ended (a receiver that is down ends in a retried failure instead).</summary>
/// <param name="Webhook">The webhook's name.</param>
/// <param name="Delivered">True when the receiver accepted the body (2xx).</param>
/// <param name="StatusCode">The receiver's answer, when it answered.</param>
/// <param name="Detail">Why it was not delivered.</param>
public sealed record WebhookDeliveryResult(string Webhook, bool Delivered, int? StatusCode, string? Detail);
