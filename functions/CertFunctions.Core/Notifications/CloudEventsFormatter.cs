using System.Net.Mime;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace CertFunctions.Core.Notifications;

/// <summary>CloudEvents 1.0 in JSON structured mode, written by the CNCF SDK; <c>type</c> names from <see cref="NotificationKinds"/>.</summary>
public sealed class CloudEventsFormatter : INotificationFormatter
{
    private static readonly JsonEventFormatter<NotificationData> Formatter = new(
        new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull },
        default);

    /// <inheritdoc />
    public NotificationFormat Format => NotificationFormat.CloudEvents;

    /// <inheritdoc />
    public NotificationBody Render(NotificationEvent notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var certificate = notification.Certificate;
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = notification.Id,
            Type = NotificationKinds.CloudEventType(notification.Kind),
            // One source per cluster; the subject names the object within it.
            Source = new Uri($"/certfunctions/clusters/{Uri.EscapeDataString(certificate.Cluster)}", UriKind.Relative),
            Subject = $"{certificate.Namespace}/{(certificate.IsGateway ? "gateways" : "ingresses")}/{certificate.Name}",
            Time = notification.At,
            DataContentType = MediaTypeNames.Application.Json,
            Data = NotificationData.From(notification),
        };
        var body = Formatter.EncodeStructuredModeMessage(cloudEvent, out ContentType contentType);
        return new NotificationBody(body, contentType.ToString());
    }
}
