using System.Text;
using System.Text.Json.Nodes;

namespace CertFunctions.Cli.Output;

/// <summary>An operation (<c>GET /api/certificates/operations/{id}</c>) in words.</summary>
internal static class OperationText
{
    /// <summary>States after which an operation does not change any more.</summary>
    public static bool IsFinal(string? status) => status is "Completed" or "Failed" or "Terminated";

    /// <summary>Several lines: id, object, status and step, then the result or the failure.</summary>
    public static string Describe(JsonNode operation)
    {
        var progress = operation["progress"];
        var result = operation["result"];
        var (kind, name) = JsonText.ObjectOf(operation["certificate"]);
        var text = new StringBuilder();
        Line(text, "Operation", JsonText.Text(operation, "id"));
        Line(text, kind, operation["certificate"] is { } c ? $"{JsonText.Text(c, "cluster")}/{JsonText.Text(c, "namespace")}/{name}" : null);
        Line(text, "Status", JsonText.Text(operation, "status"));
        Line(text, "Step", JsonText.Text(progress, "step"));
        Line(text, "Detail", JsonText.Text(progress, "detail"));
        Line(text, "Hosts", JsonText.List(result ?? progress, "hosts"));
        Line(text, "Started", JsonText.Time(operation, "createdAt"));
        Line(text, "Updated", JsonText.Time(operation, "lastUpdatedAt"));
        if (result is not null)
        {
            Line(text, "Secret", JsonText.Text(result, "secretName"));
            Line(text, "Serial", JsonText.Text(result, "serial"));
            Line(text, "Issuer", JsonText.Text(result, "issuer"));
            Line(text, "Expires", JsonText.Time(result, "notAfter"));
            Line(text, "Renewal", JsonText.Time(result, "plannedRenewal"));
        }

        Line(text, "Last error", JsonText.Text(progress, "lastError"));
        Line(text, "Failure", JsonText.Text(operation, "failure"));
        return text.ToString();
    }

    private static void Line(StringBuilder text, string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            text.Append((label + ":").PadRight(12)).AppendLine(value);
        }
    }
}
