using System.Text.Json.Nodes;

namespace KubeApiEmulator.Admission;

/// <summary>One webhook of a ValidatingWebhookConfiguration, read with the real server's defaults.</summary>
internal sealed record ValidatingWebhook(
    string Name,
    string? Url,
    string? CaBundle,
    IReadOnlyList<WebhookRule> Rules,
    bool FailOpen,
    string SideEffects,
    TimeSpan Timeout,
    WebhookSelector NamespaceSelector,
    WebhookSelector ObjectSelector,
    IReadOnlyList<(string Name, string Expression)> MatchConditions)
{
    /// <summary>The default and the most of timeoutSeconds (v1).</summary>
    public const int DefaultTimeoutSeconds = 10;

    /// <summary>Reads every webhook of a stored configuration.</summary>
    public static IEnumerable<ValidatingWebhook> From(JsonObject configuration) =>
        (configuration["webhooks"] as JsonArray ?? []).OfType<JsonObject>().Select(webhook => new ValidatingWebhook(
            webhook.GetString("name") ?? string.Empty,
            webhook.GetString("clientConfig", "url"),
            webhook.GetString("clientConfig", "caBundle"),
            [.. (webhook["rules"] as JsonArray ?? []).OfType<JsonObject>().Select(WebhookRule.From)],
            // v1 defaults failurePolicy to Fail.
            webhook.GetString("failurePolicy") == "Ignore",
            webhook.GetString("sideEffects") ?? "Unknown",
            TimeSpan.FromSeconds(webhook["timeoutSeconds"]?.GetValue<int>() ?? DefaultTimeoutSeconds),
            WebhookSelector.From(webhook["namespaceSelector"]),
            WebhookSelector.From(webhook["objectSelector"]),
            [.. (webhook["matchConditions"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(c => (c.GetString("name") ?? string.Empty, c.GetString("expression") ?? string.Empty))]));

    /// <summary>True when the webhook may be called on a dry run (it declares no side effects, or none on dry runs).</summary>
    public bool SupportsDryRun => SideEffects is "None" or "NoneOnDryRun";
}
