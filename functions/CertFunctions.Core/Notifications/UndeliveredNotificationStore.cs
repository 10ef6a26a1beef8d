using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using CertFunctions.Core.Storage;

namespace CertFunctions.Core.Notifications;

/// <summary>Keeps the events a webhook did not take (one small blob each, in the state container) until they are redelivered.</summary>
public sealed class UndeliveredNotificationStore(BlobContainers containers)
{
    private const string Prefix = "notifications/undelivered/";

    /// <summary>Records read at once when listing: a page is not one round trip after another, and the account is not flooded.</summary>
    private const int ParallelReads = 16;

    /// <summary>Writes (or rewrites) <paramref name="notification"/>; the same input writes the same blob, so a rerun changes nothing.</summary>
    public async Task SaveAsync(UndeliveredNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient(BlobName(notification.Id))
            .UploadAsync(BinaryData.FromObjectAsJson(notification, JsonSerializerOptions.Web), overwrite: true, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// How many records are kept, and the <paramref name="max"/> oldest of them (by their last write, which is when the
    /// delivery gave up). Listing names costs one call per 5,000; only the records returned are read.
    /// </summary>
    public async Task<UndeliveredNotificationPage> ListAsync(int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        var blobs = new List<(string Id, DateTimeOffset Written)>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, Prefix, cancellationToken).ConfigureAwait(false))
        {
            blobs.Add((blob.Name[Prefix.Length..^".json".Length], blob.Properties.LastModified ?? DateTimeOffset.MinValue));
        }

        var chosen = blobs.OrderBy(b => b.Written).ThenBy(b => b.Id, StringComparer.Ordinal).Take(max).Select(b => b.Id).ToList();
        var read = new StoredUndeliveredNotification?[chosen.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, chosen.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (i, token) => read[i] = await ReadAsync(chosen[i], token).ConfigureAwait(false)).ConfigureAwait(false);

        // A record gone between the listing and its read was redelivered meanwhile.
        var found = read.OfType<StoredUndeliveredNotification>().OrderBy(s => s.Notification.FailedAt).ThenBy(s => s.Notification.Id, StringComparer.Ordinal);
        return new UndeliveredNotificationPage(blobs.Count, [.. found]);
    }

    /// <summary>The record <paramref name="id"/>, or null when there is none.</summary>
    public async Task<StoredUndeliveredNotification?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var content = await container.GetBlobClient(BlobName(id)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            var notification = content.Value.Content.ToObjectFromJson<UndeliveredNotification>(JsonSerializerOptions.Web)
                ?? throw new InvalidDataException($"The undelivered notification {id} is empty.");
            return new StoredUndeliveredNotification(notification, content.Value.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Removes the record read as <paramref name="stored"/>; false when it was written again since (a newer failure) or is gone.</summary>
    public async Task<bool> DeleteIfUnchangedAsync(StoredUndeliveredNotification stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await container.GetBlobClient(BlobName(stored.Notification.Id))
                .DeleteIfExistsAsync(DeleteSnapshotsOption.None, new BlobRequestConditions { IfMatch = stored.ETag }, cancellationToken)
                .ConfigureAwait(false);
            return response.Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    private static string BlobName(string id) => $"{Prefix}{id}.json";
}
