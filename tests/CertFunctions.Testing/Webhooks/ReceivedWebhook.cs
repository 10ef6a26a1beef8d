using System.Text.Json.Nodes;

namespace CertFunctions.Testing.Webhooks;

/// <summary>One request a <see cref="WebhookReceiver"/> got: its path, Content-Type, body and the status it answered.</summary>
/// <param name="Path">The request path (one per configured webhook).</param>
/// <param name="ContentType">The Content-Type header.</param>
/// <param name="Body">The body as text.</param>
/// <param name="StatusCode">What the receiver answered.</param>
public sealed record ReceivedWebhook(string Path, string? ContentType, string Body, int StatusCode)
{
    /// <summary>The body parsed as JSON.</summary>
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
}
