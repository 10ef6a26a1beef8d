namespace CertFunctions.Core.Notifications;

/// <summary>Output of the delivery orchestration: which webhooks got the event, refused it, or stayed unreachable.</summary>
/// <param name="EventId">The event.</param>
/// <param name="Delivered">Webhooks that accepted it.</param>
/// <param name="Refused">Webhooks that answered a 4xx (not retried).</param>
/// <param name="Unreachable">Webhooks still failing after every retry.</param>
public sealed record NotificationDeliveryReport(string EventId, IReadOnlyList<string> Delivered, IReadOnlyList<string> Refused, IReadOnlyList<string> Unreachable);
