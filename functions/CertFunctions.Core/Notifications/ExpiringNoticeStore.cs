using System.Text.Json;
using Azure;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Storage;

namespace CertFunctions.Core.Notifications;

/// <summary>Remembers, per certificate, the last UTC day an "expiring" notification was queued (one small blob each, in the state container).</summary>
public sealed class ExpiringNoticeStore(BlobContainers containers)
{
    private const string Prefix = "notifications/expiring/";

    /// <summary>The last day (yyyy-MM-dd) a notice was queued for <paramref name="certificate"/>, or null.</summary>
    public async Task<string?> ReadLastDayAsync(CertificateRef certificate, CancellationToken cancellationToken)
    {
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var content = await container.GetBlobClient(BlobName(certificate)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToObjectFromJson<ExpiringNotice>(JsonSerializerOptions.Web)?.Day;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Records that the notice of <paramref name="day"/> was queued.</summary>
    public async Task WriteAsync(CertificateRef certificate, string day, string eventId, CancellationToken cancellationToken)
    {
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient(BlobName(certificate))
            .UploadAsync(BinaryData.FromObjectAsJson(new ExpiringNotice(day, eventId), JsonSerializerOptions.Web), overwrite: true, cancellationToken)
            .ConfigureAwait(false);
    }

    // The instance id is unique per certificate (Ingress, or one Secret of a Gateway) and safe in a blob name.
    private static string BlobName(CertificateRef certificate) => $"{Prefix}{certificate.InstanceId}.json";

    private sealed record ExpiringNotice(string Day, string EventId);
}
