using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using CertFunctions.Core.Storage;

namespace CertFunctions.Core.Discovery;

/// <summary>
/// Discovery's memory between runs, one blob per cluster in the state container (<c>discovery/&lt;cluster&gt;.json</c>),
/// and the lease that keeps two runs from overlapping.
/// </summary>
public sealed class DiscoveryStateStore(BlobContainers containers)
{
    /// <summary>How long a run's lease lasts unless renewed (renewed after each cluster).</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(60);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Takes the run lease; null when another run holds it.</summary>
    public async Task<BlobLeaseClient?> TryLeaseAsync(CancellationToken cancellationToken)
    {
        var blob = (await containers.GetStateAsync(cancellationToken).ConfigureAwait(false)).GetBlobClient("discovery/run.lock");
        try
        {
            await blob.UploadAsync(BinaryData.FromString("discovery"), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // It exists already (or is leased by a run that is writing it): the lease below decides.
        }

        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(LeaseDuration, cancellationToken: cancellationToken).ConfigureAwait(false);
            return lease;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Reads what the last run stored for <paramref name="cluster"/> (empty the first time).</summary>
    public async Task<Dictionary<string, DiscoveredState>> ReadAsync(string cluster, CancellationToken cancellationToken)
    {
        var blob = await BlobAsync(cluster, cancellationToken).ConfigureAwait(false);
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToObjectFromJson<Dictionary<string, DiscoveredState>>(Json) ?? new(StringComparer.Ordinal);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return new Dictionary<string, DiscoveredState>(StringComparer.Ordinal);
        }
    }

    /// <summary>Stores the state for <paramref name="cluster"/>.</summary>
    public async Task WriteAsync(string cluster, IReadOnlyDictionary<string, DiscoveredState> state, CancellationToken cancellationToken)
    {
        var blob = await BlobAsync(cluster, cancellationToken).ConfigureAwait(false);
        await blob.UploadAsync(BinaryData.FromObjectAsJson(state, Json), overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    private async Task<BlobClient> BlobAsync(string cluster, CancellationToken cancellationToken) =>
        (await containers.GetStateAsync(cancellationToken).ConfigureAwait(false)).GetBlobClient($"discovery/{cluster}.json");
}
