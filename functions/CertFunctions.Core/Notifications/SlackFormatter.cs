using System.Text.Json;
using System.Text.Json.Nodes;

namespace CertFunctions.Core.Notifications;

/// <summary>A Slack incoming-webhook message: <c>text</c> (the fallback for notifications) and Block Kit <c>blocks</c>.</summary>
public sealed class SlackFormatter : INotificationFormatter
{
    // Block Kit limits: a header's text 150 characters, a section's 3000, at most 10 fields.
    private const int MaxHeader = 150;
    private const int MaxSection = 3000;
    private const int MaxFields = 10;

    /// <inheritdoc />
    public NotificationFormat Format => NotificationFormat.Slack;

    /// <inheritdoc />
    public NotificationBody Render(NotificationEvent notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var title = NotificationText.Title(notification);
        var summary = NotificationText.Summary(notification);
        var fields = new JsonArray([.. NotificationText.Facts(notification).Take(MaxFields).Select(f => (JsonNode)Text("mrkdwn", $"*{Escape(f.Label)}*\n{Escape(f.Value)}"))]);
        var message = new JsonObject
        {
            ["text"] = $"{Emoji(notification.Kind)} {Escape(title)}: {Escape(summary)}",
            ["blocks"] = new JsonArray(
                new JsonObject { ["type"] = "header", ["text"] = Text("plain_text", Cut($"{Emoji(notification.Kind)} {title}", MaxHeader)) },
                new JsonObject { ["type"] = "section", ["text"] = Text("mrkdwn", Cut(Escape(summary), MaxSection)) },
                new JsonObject { ["type"] = "section", ["fields"] = fields },
                new JsonObject
                {
                    ["type"] = "context",
                    ["elements"] = new JsonArray(Text("mrkdwn", $"CertFunctions · {NotificationText.Time(notification.At)} · event {notification.Id}")),
                }),
        };
        return new NotificationBody(JsonSerializer.SerializeToUtf8Bytes(message), "application/json; charset=utf-8");
    }

    /// <summary>Slack's three mrkdwn control characters (a CA's reason may hold angle brackets).</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
    }

    private static JsonObject Text(string type, string text) => new() { ["type"] = type, ["text"] = text };

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Emoji(NotificationKind kind) => kind switch
    {
        NotificationKind.Issued or NotificationKind.Renewed => ":white_check_mark:",
        NotificationKind.Failed => ":x:",
        _ => ":warning:",
    };
}
