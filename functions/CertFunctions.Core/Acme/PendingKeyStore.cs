using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using CertFunctions.Core.Storage;

namespace CertFunctions.Core.Acme;

/// <summary>
/// Keeps the private key of an order between its finalization and the Secret write, so a crash in between
/// finishes the job on retry instead of orphaning a certificate. The key never enters orchestration history.
/// Each key names its orchestration instance (blob metadata), so whatever ends that instance without a stored
/// certificate — a failure, a cancel, the scan after a termination — can remove it.
/// </summary>
public sealed class PendingKeyStore(BlobContainers containers)
{
    /// <summary>The blob prefix in the state container (also the scope of the storage lifecycle rule in infra/).</summary>
    public const string Prefix = "pending-keys/";

    private const string OwnerMetadata = "owner";

    public async Task<string?> ReadAsync(Uri orderUrl, CancellationToken cancellationToken)
    {
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var content = await container.GetBlobClient(BlobName(orderUrl)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Saves the key of <paramref name="orderUrl"/> for instance <paramref name="owner"/>.</summary>
    public async Task SaveAsync(Uri orderUrl, string keyPem, string owner, CancellationToken cancellationToken)
    {
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient(BlobName(orderUrl)).UploadAsync(
            BinaryData.FromString(keyPem),
            new BlobUploadOptions { Metadata = new Dictionary<string, string> { [OwnerMetadata] = owner } },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(Uri orderUrl, CancellationToken cancellationToken)
    {
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient(BlobName(orderUrl)).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every pending key: its instance (null for keys saved before owners were recorded) and when it was written; never the key.</summary>
    public async Task<IReadOnlyList<PendingKeyEntry>> ListAsync(CancellationToken cancellationToken)
    {
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<PendingKeyEntry>();
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = Prefix, Traits = BlobTraits.Metadata }, cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new PendingKeyEntry(
                blob.Name,
                blob.Metadata.TryGetValue(OwnerMetadata, out var owner) ? owner : null,
                blob.Properties.LastModified ?? DateTimeOffset.MinValue,
                blob.Properties.ETag ?? ETag.All));
        }

        return entries;
    }

    /// <summary>Deletes the pending keys of instance <paramref name="owner"/> written no later than <paramref name="writtenBy"/>; returns how many.</summary>
    /// <remarks>The time bound leaves a key alone that a new run of the same instance wrote after the end being cleaned up.</remarks>
    public async Task<int> DeleteOwnedByAsync(string owner, DateTimeOffset writtenBy, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var entry in (await ListAsync(cancellationToken).ConfigureAwait(false)).Where(e => e.Owner == owner && e.Written <= writtenBy))
        {
            deleted += await DeleteAsync(entry, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return deleted;
    }

    /// <summary>Deletes <paramref name="entry"/> unless it was rewritten since it was listed; true when it was deleted.</summary>
    public async Task<bool> DeleteAsync(PendingKeyEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await container.GetBlobClient(entry.BlobName).DeleteIfExistsAsync(
                conditions: new BlobRequestConditions { IfMatch = entry.ETag },
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    private static string BlobName(Uri orderUrl)
        => Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(orderUrl.AbsoluteUri))) + ".pem";
}
