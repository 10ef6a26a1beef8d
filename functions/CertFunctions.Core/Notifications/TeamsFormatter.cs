using System.Text.Json;
using System.Text.Json.Nodes;

namespace CertFunctions.Core.Notifications;

/// <summary>
/// A Microsoft Teams workflow-webhook message ("Post to a channel when a webhook request is received"): one attachment
/// whose <c>content</c> is an Adaptive Card (1.4) with a title, a sentence and a fact set.
/// </summary>
public sealed class TeamsFormatter : INotificationFormatter
{
    /// <summary>The attachment content type of an Adaptive Card.</summary>
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    /// <inheritdoc />
    public NotificationFormat Format => NotificationFormat.Teams;

    /// <inheritdoc />
    public NotificationBody Render(NotificationEvent notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "TextBlock",
                    ["text"] = NotificationText.Title(notification),
                    ["weight"] = "Bolder",
                    ["size"] = "Medium",
                    ["color"] = Color(notification.Kind),
                    ["wrap"] = true,
                },
                new JsonObject { ["type"] = "TextBlock", ["text"] = NotificationText.Summary(notification), ["wrap"] = true },
                new JsonObject
                {
                    ["type"] = "FactSet",
                    ["facts"] = new JsonArray([.. NotificationText.Facts(notification).Select(f => (JsonNode)new JsonObject { ["title"] = f.Label, ["value"] = f.Value })]),
                },
                new JsonObject
                {
                    ["type"] = "TextBlock",
                    ["text"] = $"CertFunctions · {NotificationText.Time(notification.At)} · event {notification.Id}",
                    ["isSubtle"] = true,
                    ["size"] = "Small",
                    ["wrap"] = true,
                }),
        };
        var message = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = AdaptiveCardContentType, ["contentUrl"] = null, ["content"] = card }),
        };
        return new NotificationBody(JsonSerializer.SerializeToUtf8Bytes(message), "application/json; charset=utf-8");
    }

    private static string Color(NotificationKind kind) => kind switch
    {
        NotificationKind.Issued or NotificationKind.Renewed => "Good",
        NotificationKind.Failed => "Attention",
        _ => "Warning",
    };
}
