namespace CertFunctions.Core.Http;

/// <summary>One undelivered notification as the API shows it.</summary>
/// <param name="Id">The record's id (event and webhook).</param>
/// <param name="EventId">The event's id (the CloudEvents <c>id</c> the receiver sees).</param>
/// <param name="Event">The event's filter name (<c>issued</c>, <c>failed</c>, ...).</param>
/// <param name="Certificate">The object the event is about, as <c>cluster/namespace/name</c>.</param>
/// <param name="Webhook">The webhook's name.</param>
/// <param name="StatusCode">The receiver's last answer, when it answered.</param>
/// <param name="Reason">Why the delivery ended.</param>
/// <param name="At">When the event happened.</param>
/// <param name="FailedAt">When the delivery gave up.</param>
/// <param name="RedeliverUrl">POST here to send it again.</param>
public sealed record UndeliveredNotificationResponse(
    string Id,
    string EventId,
    string Event,
    string Certificate,
    string Webhook,
    int? StatusCode,
    string Reason,
    DateTimeOffset At,
    DateTimeOffset FailedAt,
    string RedeliverUrl);
