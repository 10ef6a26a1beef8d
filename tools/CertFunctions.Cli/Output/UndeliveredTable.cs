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
}
