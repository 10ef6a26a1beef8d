using System.Text.Json.Nodes;

namespace CertFunctions.Cli.Output;

/// <summary>The managed certificates (<c>GET /api/certificates</c>) as a table.</summary>
internal static class CertificateTable
{
    /// <summary>One row per certificate: where, what, which ACME issuer, expiry (with its risk), planned renewal, last outcome and error.</summary>
    public static string Render(JsonNode list)
    {
        var table = new TextTable("CLUSTER", "NAMESPACE", "KIND", "NAME", "HOSTS", "SECRET", "ISSUER", "EXPIRES", "RISK", "RENEWAL", "OUTCOME", "LAST ERROR");
        foreach (var item in list["certificates"]?.AsArray() ?? [])
        {
            var certificate = item?["certificate"];
            var (kind, name) = JsonText.ObjectOf(certificate);
            table.Add(
                JsonText.Text(certificate, "cluster"),
                JsonText.Text(certificate, "namespace"),
                kind,
                name,
                JsonText.List(item, "hosts"),
                JsonText.Text(item, "secretName"),
                JsonText.Text(item, "issuer") ?? "-",
                JsonText.Time(item, "notAfter") ?? "-",
                JsonText.Text(item, "expiryRisk") ?? "ok",
                JsonText.Time(item, "plannedRenewal") ?? "-",
                JsonText.Text(item, "lastOutcome"),
                OneLine(JsonText.Text(item, "lastError")));
        }

        return table.ToString();
    }

    private static string? OneLine(string? text) => text?.ReplaceLineEndings(" ") is { Length: > 80 } s ? s[..80] + "…" : text?.ReplaceLineEndings(" ");
}
