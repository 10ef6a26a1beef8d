using System.Text.Json.Nodes;

namespace CertFunctions.Cli.Output;

/// <summary>The undelivered notifications (<c>GET /api/notifications/undelivered</c>) as a table.</summary>
internal static class UndeliveredTable
{
    /// <summary>One row per event and webhook: id to redeliver, event, certificate, webhook, last answer, when it gave up, why.</summary>
    public static string Render(JsonNode list)
    {
        var table = new TextTable("ID", "EVENT", "CERTIFICATE", "WEBHOOK", "ANSWER", "GAVE UP", "REASON");
        foreach (var item in list["items"]?.AsArray() ?? [])
        {
            table.Add(
                JsonText.Text(item, "id"),
                JsonText.Text(item, "event"),
                JsonText.Text(item, "certificate"),
                JsonText.Text(item, "webhook"),
                item?["statusCode"] is JsonValue status ? status.ToJsonString() : "none",
                JsonText.Time(item, "failedAt"),
                JsonText.Text(item, "reason"));
        }

        return table.ToString();
    }

    /// <summary>A line saying the list was cut, or null when it holds every record kept.</summary>
    public static string? Cut(JsonNode list)
    {
        var total = list["total"]?.GetValue<int>() ?? 0;
        var count = list["count"]?.GetValue<int>() ?? 0;
        return total > count ? $"The {count} oldest of {total} are shown; redeliver them to see the rest." : null;
    }
}
