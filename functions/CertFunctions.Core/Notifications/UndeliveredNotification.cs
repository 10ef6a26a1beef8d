using System.Security.Cryptography;
using System.Text;

namespace CertFunctions.Core.Notifications;

/// <summary>An event one webhook did not take: refused (4xx) or unreachable after every retry; kept until it is redelivered.</summary>
/// <param name="Id">Stable id of this event and webhook pair (<see cref="IdFor"/>).</param>
/// <param name="Event">The event, as it was sent (no key material, no URL).</param>
/// <param name="Webhook">The webhook's name (never its URL).</param>
/// <param name="StatusCode">The receiver's last answer, or null when it never answered.</param>
/// <param name="Reason">Why the delivery ended.</param>
/// <param name="FailedAt">When the delivery gave up (orchestration time).</param>
public sealed record UndeliveredNotification(string Id, NotificationEvent Event, string Webhook, int? StatusCode, string Reason, DateTimeOffset FailedAt)
{
    /// <summary>The id of <paramref name="eventId"/> for <paramref name="webhook"/>: hex, safe in a blob name and a route, whatever the webhook's name.</summary>
    public static string IdFor(string eventId, string webhook)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        ArgumentNullException.ThrowIfNull(webhook);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(eventId + "\n" + webhook));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
