using System.Net;
using System.Net.Http.Headers;
using CertFunctions.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Notifications;

/// <summary>
/// Posts one notification to one configured webhook. A 2xx is delivered; another 4xx is the receiver refusing this body
/// (wrong URL, revoked webhook): logged once and returned, never retried. 5xx, 408, 429, timeouts and refused connections
/// throw <see cref="HttpRequestException"/>, which the delivery's retry policy retries. The URL never appears in a log
/// or an exception: for Slack and Teams it is the credential.
/// </summary>
public sealed partial class WebhookSender(
    IHttpClientFactory httpClients,
    IOptionsMonitor<NotificationOptions> options,
    IEnumerable<INotificationFormatter> formatters,
    ILogger<WebhookSender> logger)
{
    /// <summary>The named HttpClient (its timeout bounds one attempt).</summary>
    public const string HttpClientName = "CertFunctions.Notifications";

    /// <summary>Longest one attempt waits for the receiver.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Sends <paramref name="notification"/> to the webhook named <paramref name="webhook"/>.</summary>
    public async Task<WebhookDeliveryResult> SendAsync(string webhook, NotificationEvent notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(notification);
        if (!options.CurrentValue.Webhooks.TryGetValue(webhook, out var settings) || settings?.Url is not { } url)
        {
            // Removed from the settings since the event was queued: nothing to send to.
            LogUnknownWebhook(logger, webhook, notification.Id);
            return new WebhookDeliveryResult(webhook, false, null, "The webhook is no longer configured.");
        }

        var formatter = formatters.First(f => f.Format == settings.ParsedFormat);
        var body = formatter.Render(notification);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ReadOnlyMemoryContent(body.Content) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(body.ContentType);
        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            // Rethrown without the inner exception, whose message may hold the URL.
            throw new HttpRequestException($"Webhook {webhook} could not be reached ({ex.HttpRequestError}).", null, ex.StatusCode);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"Webhook {webhook} did not answer within {AttemptTimeout}.", null, HttpStatusCode.RequestTimeout);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                LogDelivered(logger, notification.Kind, notification.Certificate, webhook, status, notification.Id);
                CertFunctionsMetrics.RecordNotificationDelivery("delivered", webhook, NotificationKinds.FilterName(notification.Kind));
                return new WebhookDeliveryResult(webhook, true, status, null);
            }

            if (IsRetriable(response.StatusCode))
            {
                throw new HttpRequestException($"Webhook {webhook} answered {status} {response.ReasonPhrase}; the delivery is retried.", null, response.StatusCode);
            }

            LogRejected(logger, notification.Kind, notification.Certificate, webhook, status, notification.Id);
            return new WebhookDeliveryResult(webhook, false, status, $"The receiver answered {status} {response.ReasonPhrase}; not retried.");
        }
    }

    /// <summary>True for answers worth another attempt: server errors, request timeout, too many requests.</summary>
    public static bool IsRetriable(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {Kind} for {Certificate} delivered to webhook {Webhook} ({StatusCode}, event {EventId})")]
    private static partial void LogDelivered(ILogger logger, NotificationKind kind, Certificates.CertificateRef certificate, string webhook, int statusCode, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Webhook} refused notification {Kind} for {Certificate} with {StatusCode}; not retried (event {EventId})")]
    private static partial void LogRejected(ILogger logger, NotificationKind kind, Certificates.CertificateRef certificate, string webhook, int statusCode, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Webhook} is no longer configured; notification {EventId} dropped")]
    private static partial void LogUnknownWebhook(ILogger logger, string webhook, string eventId);
}
