namespace CertFunctions.Core.Notifications;

/// <summary>The <c>Notifications</c> settings: any number of named webhooks (none by default: nothing is sent).</summary>
public sealed class NotificationOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Notifications";

    /// <summary>The webhooks by name (<c>Notifications:Webhooks:&lt;name&gt;:*</c>); the name appears in logs, the URL never does.</summary>
    public Dictionary<string, WebhookOptions> Webhooks { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The names of the webhooks that want <paramref name="kind"/> (entries without a URL are off), in a stable order.</summary>
    public IReadOnlyList<string> WebhooksFor(NotificationKind kind) =>
        [.. Webhooks
            .Where(w => !string.IsNullOrWhiteSpace(w.Value?.Url) && NotificationKinds.TryParseFilter(w.Value.Events, out var kinds) && kinds.Contains(kind))
            .Select(w => w.Key)
            .Order(StringComparer.Ordinal)];
}
