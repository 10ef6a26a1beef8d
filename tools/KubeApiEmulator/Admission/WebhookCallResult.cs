using System.Text.Json.Nodes;

namespace KubeApiEmulator.Admission;

/// <summary>What one webhook call came to: allowed (with warnings), denied with its Status, or a failed call.</summary>
internal sealed record WebhookCallResult(ValidatingWebhook Webhook, bool Allowed, JsonObject? Status, IReadOnlyList<string> Warnings, string? CallError)
{
    /// <summary>A call that failed (unreachable, timeout, TLS, a bad answer): the failure policy decides.</summary>
    public static WebhookCallResult Failed(ValidatingWebhook webhook, string error) => new(webhook, false, null, [], error);
}
