using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using CertFunctions.Core.Storage;

namespace CertFunctions.Core.Acme;

/// <summary>Keeps one ACME account per directory URL in the state container.</summary>
public sealed class AcmeAccountStore(BlobContainers containers)
{
    public async Task<StoredAccount?> ReadAsync(Uri directoryUrl, CancellationToken cancellationToken)
    {
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var content = await container.GetBlobClient(BlobName(directoryUrl)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToObjectFromJson<StoredAccount>(JsonSerializerOptions.Web);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Stores the account unless another instance stored one first; returns the one that is stored.</summary>
    public async Task<StoredAccount> CreateAsync(StoredAccount account, CancellationToken cancellationToken)
    {
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        var blob = container.GetBlobClient(BlobName(account.DirectoryUrl));
        try
        {
            await blob.UploadAsync(
                BinaryData.FromObjectAsJson(account, JsonSerializerOptions.Web),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken).ConfigureAwait(false);
            return account;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return await ReadAsync(account.DirectoryUrl, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The ACME account blob vanished while it was being created.", ex);
        }
    }

    /// <summary>Stores the account as it is now (the CA registered the same key again under a new URL).</summary>
    public async Task ReplaceAsync(StoredAccount account, CancellationToken cancellationToken)
    {
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient(BlobName(account.DirectoryUrl))
            .UploadAsync(BinaryData.FromObjectAsJson(account, JsonSerializerOptions.Web), overwrite: true, cancellationToken)
            .ConfigureAwait(false);
    }

    private static string BlobName(Uri directoryUrl)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(directoryUrl.AbsoluteUri)))[..16];
        return $"accounts/{directoryUrl.Host}-{hash}.json";
    }
}
