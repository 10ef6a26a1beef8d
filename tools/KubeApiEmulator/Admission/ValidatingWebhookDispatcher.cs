using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeApiEmulator.Api;
using KubeApiEmulator.Discovery;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Admission;

/// <summary>
/// Calls the validating admission webhooks of the stored ValidatingWebhookConfigurations on a create or update, the way
/// kube-apiserver does: rules, namespace and object selectors, matchConditions, dry-run and side effects, in parallel,
/// each bounded by its timeoutSeconds, with its failurePolicy deciding what a failed call means.
/// </summary>
internal sealed partial class ValidatingWebhookDispatcher(ObjectStore store, WebhookClients clients, ILogger<ValidatingWebhookDispatcher> logger)
{
    /// <summary>Runs the matching webhooks; returns their warnings.</summary>
    /// <exception cref="StatusException">A webhook denied the write, or a Fail webhook could not be called.</exception>
    public IReadOnlyList<string> Review(AdmissionAttributes attributes)
    {
        var configurations = store.Range(AdmissionResources.ValidatingWebhookConfigurations.StorageName, null, null).ToList();
        if (configurations.Count == 0 || attributes.Type == AdmissionResources.ValidatingWebhookConfigurations)
        {
            // Webhooks are never called for webhook configurations, so a broken one can always be removed.
            return [];
        }

        var uid = Guid.NewGuid().ToString();
        var request = AdmissionReviews.Request(attributes, uid);
        var calls = new List<Task<WebhookCallResult>>();
        foreach (var webhook in configurations.SelectMany(c => ValidatingWebhook.From(c.ToNode())))
        {
            if (!Selected(webhook, attributes))
            {
                continue;
            }

            if (!Conditions(webhook, attributes, request, out var conditionError))
            {
                if (conditionError is not null)
                {
                    calls.Add(Task.FromResult(WebhookCallResult.Failed(webhook, "failed to evaluate match conditions: " + conditionError)));
                }

                continue;
            }

            if (attributes.DryRun && !webhook.SupportsDryRun)
            {
                throw StatusObjects.BadRequest($"admission webhook \"{webhook.Name}\" does not support dry run");
            }

            calls.Add(CallAsync(webhook, request, uid));
        }

        if (calls.Count == 0)
        {
            return [];
        }

        // The write is held while the webhooks answer, as on a real server (which does not hold other writes meanwhile).
        var results = Task.WhenAll(calls).GetAwaiter().GetResult();
        var warnings = new List<string>();
        foreach (var result in results)
        {
            if (result.CallError is { } error)
            {
                if (result.Webhook.FailOpen)
                {
                    LogIgnored(logger, result.Webhook.Name, error);
                    continue;
                }

                throw new StatusException(500, "InternalError", $"Internal error occurred: failed calling webhook \"{result.Webhook.Name}\": {error}");
            }

            warnings.AddRange(result.Warnings);
            if (!result.Allowed)
            {
                throw Denied(result.Webhook.Name, result.Status);
            }
        }

        return warnings;
    }

    private bool Selected(ValidatingWebhook webhook, AdmissionAttributes attributes)
    {
        if (!webhook.Rules.Any(r => r.Matches(attributes)))
        {
            return false;
        }

        var type = attributes.Type;
        if (type.Namespaced)
        {
            var labels = store.Get(ResourceCatalog.Namespaces.StorageName, attributes.Namespace)?.Labels ?? new Dictionary<string, string>();
            if (!webhook.NamespaceSelector.Matches(labels))
            {
                return false;
            }
        }
        else if (type == ResourceCatalog.Namespaces && !webhook.NamespaceSelector.Matches(attributes.Object.Get("metadata", "labels").StringMap()))
        {
            return false;
        }

        // The object selector matches when the new or the old object matches.
        return webhook.ObjectSelector.Matches(attributes.Object.Get("metadata", "labels").StringMap())
            || (attributes.OldObject is { } old && webhook.ObjectSelector.Matches(old.Get("metadata", "labels").StringMap()));
    }

    private static bool Conditions(ValidatingWebhook webhook, AdmissionAttributes attributes, JsonObject request, out string? error)
    {
        error = null;
        foreach (var (name, expression) in webhook.MatchConditions)
        {
            try
            {
                if (!CelExpression.Parse(expression).EvaluateBool(attributes.Object, attributes.OldObject, request))
                {
                    return false;
                }
            }
            catch (CelException ex)
            {
                error = $"expression '{name}' resulted in error: {ex.Message}";
                return false;
            }
        }

        return true;
    }

    private async Task<WebhookCallResult> CallAsync(ValidatingWebhook webhook, JsonObject request, string uid)
    {
        if (webhook.Url is null)
        {
            return WebhookCallResult.Failed(webhook, "failed to call webhook: clientConfig.service is not served by the emulator (use clientConfig.url)");
        }

        var uri = AdmissionReviews.CallUri(webhook.Url, webhook.Timeout);
        using var timeout = new CancellationTokenSource(webhook.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(AdmissionReviews.Review((JsonObject)request.DeepClone()), JsonText.Options));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await clients.For(webhook.CaBundle).SendAsync(message, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogCalled(logger, webhook.Name, (int)response.StatusCode, elapsed);

            if (!response.IsSuccessStatusCode)
            {
                return WebhookCallResult.Failed(webhook, $"failed to call webhook: the server responded with the status code {(int)response.StatusCode} but did not return more information");
            }

            return Read(webhook, body, uid);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return WebhookCallResult.Failed(webhook, $"failed to call webhook: Post \"{uri}\": context deadline exceeded");
        }
        catch (HttpRequestException ex)
        {
            return WebhookCallResult.Failed(webhook, $"failed to call webhook: Post \"{uri}\": {ex.InnerException?.Message ?? ex.Message}");
        }
    }

    private static WebhookCallResult Read(ValidatingWebhook webhook, byte[] body, string uid)
    {
        JsonObject? review;
        try
        {
            review = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException ex)
        {
            return WebhookCallResult.Failed(webhook, "received invalid webhook response: " + ex.Message);
        }

        if (review?.GetString("apiVersion") != "admission.k8s.io/v1" || review.GetString("kind") != "AdmissionReview")
        {
            return WebhookCallResult.Failed(webhook, $"received invalid webhook response: expected webhook response of admission.k8s.io/v1, Kind=AdmissionReview, got {review?.GetString("apiVersion")}, Kind={review?.GetString("kind")}");
        }

        if (review["response"] is not JsonObject response)
        {
            return WebhookCallResult.Failed(webhook, "received invalid webhook response: webhook response was absent");
        }

        var answeredUid = response.GetString("uid") ?? string.Empty;
        if (answeredUid != uid)
        {
            return WebhookCallResult.Failed(webhook, $"received invalid webhook response: expected response.uid=\"{uid}\", got \"{answeredUid}\"");
        }

        var allowed = response["allowed"] is JsonValue value && value.TryGetValue<bool>(out var a) && a;
        var warnings = (response["warnings"] as JsonArray ?? []).Select(w => w?.GetValue<string>() ?? string.Empty).Where(w => w.Length > 0).ToList();
        return new WebhookCallResult(webhook, allowed, response["status"] as JsonObject, warnings, null);
    }

    /// <summary>The real server's denial: the webhook's Status with "admission webhook ... denied the request" in front.</summary>
    private static StatusException Denied(string name, JsonObject? status)
    {
        var deniedBy = $"admission webhook \"{name}\" denied the request";
        var code = status?["code"] is JsonValue c && c.TryGetValue<int>(out var n) && n >= 400 ? n : 400;
        var reason = status?.GetString("reason") ?? string.Empty;
        var message = status?.GetString("message") is { Length: > 0 } text ? $"{deniedBy}: {text}"
            : reason.Length > 0 ? $"{deniedBy}: {reason}"
            : $"{deniedBy} without explanation";
        return new StatusException(code, reason, message, status?["details"] as JsonObject);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "failed calling webhook {Webhook}, failing open (failurePolicy Ignore): {Error}")]
    private static partial void LogIgnored(ILogger logger, string webhook, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "webhook {Webhook} answered {StatusCode} in {Milliseconds:F1} ms")]
    private static partial void LogCalled(ILogger logger, string webhook, int statusCode, double milliseconds);
}
