using System.Globalization;
using System.Text.Json.Nodes;
using CertFunctions.Cli.Output;

namespace CertFunctions.Cli.Progress;

/// <summary>One progress line: elapsed time, status, step and the step's detail.</summary>
internal static class ProgressLine
{
    /// <summary>E.g. <c>[  2.4s] Running  SelfChecking  2 of 2 names answered</c>.</summary>
    public static string Format(JsonNode operation, TimeSpan elapsed)
    {
        var progress = operation["progress"];
        var parts = new[] { JsonText.Text(operation, "status"), JsonText.Text(progress, "step"), JsonText.Text(progress, "detail") }
            .Where(p => !string.IsNullOrWhiteSpace(p));
        return string.Create(CultureInfo.InvariantCulture, $"[{elapsed.TotalSeconds,6:0.0}s] {string.Join("  ", parts)}");
    }

    /// <summary>What identifies a change worth a new plain line: status, step and detail, not the time.</summary>
    public static string StateOf(JsonNode operation)
        => $"{JsonText.Text(operation, "status")}|{JsonText.Text(operation["progress"], "step")}|{JsonText.Text(operation["progress"], "detail")}";
}
