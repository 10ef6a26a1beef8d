using System.Globalization;

namespace CertFunctions.Core.Notifications;

/// <summary>The words for people that the chat formats (Slack, Teams) share: a title, a sentence and labelled facts.</summary>
public static class NotificationText
{
    /// <summary>A one-line title, e.g. "Certificate renewed: cluster/namespace/name".</summary>
    public static string Title(NotificationEvent notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var what = notification.Kind switch
        {
            NotificationKind.Issued => "Certificate issued",
            NotificationKind.Renewed => "Certificate renewed",
            NotificationKind.Failed => "Certificate issuance failed",
            NotificationKind.Expiring => notification.NotAfter <= notification.At ? "Certificate expired without renewal" : "Certificate expiring without renewal",
            NotificationKind.CleanupFailed => "Challenge cleanup failed",
            _ => notification.Kind.ToString(),
        };
        return $"{what}: {notification.Certificate}";
    }

    /// <summary>One or two sentences: what happened and, for problems, why and what comes next.</summary>
    public static string Summary(NotificationEvent notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var hosts = notification.Hosts.Count > 0 ? string.Join(", ", notification.Hosts) : "its hosts";
        return notification.Kind switch
        {
            NotificationKind.Issued or NotificationKind.Renewed =>
                $"The certificate for {hosts} is stored in Secret {notification.SecretName}, valid until {Time(notification.NotAfter)}; renewal planned {Time(notification.PlannedRenewal)}.",
            NotificationKind.Failed =>
                $"The certificate for {hosts} could not be issued: {notification.Reason} Next attempt: {(notification.NextAttemptAt is { } next ? Time(next) : "on the next request or scan")}.",
            NotificationKind.Expiring => $"Secret {notification.SecretName} ({hosts}): {notification.Reason}",
            NotificationKind.CleanupFailed => $"{notification.Reason}",
            _ => notification.Reason ?? string.Empty,
        };
    }

    /// <summary>Labelled facts, only those known for this event.</summary>
    public static IReadOnlyList<(string Label, string Value)> Facts(NotificationEvent notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var facts = new List<(string, string)>
        {
            ("Object", $"{notification.Certificate.Kind} {notification.Certificate.Namespace}/{notification.Certificate.Name}"),
            ("Cluster", notification.Certificate.Cluster),
        };
        Add(facts, "Hosts", notification.Hosts.Count > 0 ? string.Join(", ", notification.Hosts) : null);
        Add(facts, "Secret", notification.SecretName);
        Add(facts, "Serial", notification.Serial);
        Add(facts, "Expires", notification.NotAfter is { } notAfter ? Time(notAfter) : null);
        Add(facts, "Next attempt", notification.NextAttemptAt is { } next ? Time(next) : null);
        Add(facts, "Issuer", notification.Issuer);
        return facts;
    }

    /// <summary>A time as people read it in UTC (u format).</summary>
    public static string Time(DateTimeOffset? at) => at is { } value ? value.UtcDateTime.ToString("u", CultureInfo.InvariantCulture) : "unknown";

    private static void Add(List<(string, string)> facts, string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            facts.Add((label, value));
        }
    }
}
