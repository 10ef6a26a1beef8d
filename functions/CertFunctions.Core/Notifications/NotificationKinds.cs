namespace CertFunctions.Core.Notifications;

/// <summary>The event names of the <c>Events</c> filter and the CloudEvents <c>type</c> of each kind.</summary>
public static class NotificationKinds
{
    private static readonly Dictionary<string, NotificationKind> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["issued"] = NotificationKind.Issued,
        ["renewed"] = NotificationKind.Renewed,
        ["failed"] = NotificationKind.Failed,
        ["expiring"] = NotificationKind.Expiring,
        ["cleanupFailed"] = NotificationKind.CleanupFailed,
    };

    /// <summary>The accepted event names, for error messages and docs.</summary>
    public static string Names => "issued, renewed, failed, expiring, cleanupFailed";

    /// <summary>The event name of a kind, as the filter spells it.</summary>
    public static string FilterName(NotificationKind kind) => ByName.First(p => p.Value == kind).Key;

    /// <summary>The stable CloudEvents <c>type</c> of a kind (documented in docs/operations.md; never renamed).</summary>
    public static string CloudEventType(NotificationKind kind) => kind switch
    {
        NotificationKind.Issued => "io.certfunctions.certificate.issued",
        NotificationKind.Renewed => "io.certfunctions.certificate.renewed",
        NotificationKind.Failed => "io.certfunctions.certificate.failed",
        NotificationKind.Expiring => "io.certfunctions.certificate.expiring",
        NotificationKind.CleanupFailed => "io.certfunctions.challenge.cleanupfailed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown notification kind."),
    };

    /// <summary>
    /// Parses an <c>Events</c> filter (comma- or semicolon-separated names; empty means every kind). False names the
    /// first unknown entry in <paramref name="unknown"/>.
    /// </summary>
    public static bool TryParseFilter(string? filter, out IReadOnlySet<NotificationKind> kinds, out string? unknown)
    {
        unknown = null;
        var parts = (filter ?? string.Empty).Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            kinds = Enum.GetValues<NotificationKind>().ToHashSet();
            return true;
        }

        var set = new HashSet<NotificationKind>();
        foreach (var part in parts)
        {
            if (!ByName.TryGetValue(part, out var kind))
            {
                unknown = part;
                kinds = set;
                return false;
            }

            set.Add(kind);
        }

        kinds = set;
        return true;
    }

    /// <inheritdoc cref="TryParseFilter(string?, out IReadOnlySet{NotificationKind}, out string?)"/>
    public static bool TryParseFilter(string? filter, out IReadOnlySet<NotificationKind> kinds) => TryParseFilter(filter, out kinds, out _);
}
