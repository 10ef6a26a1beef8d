namespace CertFunctions.Core.Notifications;

/// <summary>One webhook of <see cref="NotificationOptions"/>: where, in which format, for which events.</summary>
public sealed class WebhookOptions
{
    /// <summary>The receiver's URL (http or https). A secret for Slack and Teams: a Key Vault reference in Azure.</summary>
    public string? Url { get; init; }

    /// <summary>The body format: CloudEvents (default), Slack or Teams.</summary>
    public string? Format { get; init; }

    /// <summary>Comma-separated event names (issued, renewed, failed, expiring, cleanupFailed); empty means all.</summary>
    public string? Events { get; init; }

    /// <summary>The parsed format (valid after start-up validation).</summary>
    public NotificationFormat ParsedFormat =>
        NotificationFormats.TryParse(Format, out var format) ? format : throw new InvalidOperationException($"Unknown notification format '{Format}'.");
}
