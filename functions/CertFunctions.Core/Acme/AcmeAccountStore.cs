using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using CertFunctions.Core.Issuers;
using CertFunctions.Core.Storage;

namespace CertFunctions.Core.Acme;

/// <summary>
/// Keeps one ACME account per issuer and directory URL in the state container. The issuer named <c>default</c> keeps
/// the blob name accounts had before named issuers (<c>accounts/&lt;host&gt;-&lt;hash&gt;.json</c>), so an upgraded
/// deployment goes on with its account instead of registering a new one; every other issuer has its own folder.
/// </summary>
public sealed class AcmeAccountStore(BlobContainers containers)
{
    /// <summary>The account of <paramref name="issuer"/>, or null when none is stored yet.</summary>
    public async Task<StoredAccount?> ReadAsync(AcmeIssuer issuer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var content = await container.GetBlobClient(BlobName(issuer.Name, issuer.DirectoryUrl)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToObjectFromJson<StoredAccount>(JsonSerializerOptions.Web);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Stores the account unless another instance stored one first; returns the one that is stored.</summary>
    public async Task<StoredAccount> CreateAsync(AcmeIssuer issuer, StoredAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(account);
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        var blob = container.GetBlobClient(BlobName(issuer.Name, account.DirectoryUrl));
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
            return await ReadAsync(issuer, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The ACME account blob vanished while it was being created.", ex);
        }
    }

    /// <summary>Stores the account as it is now (the CA registered the same key again under a new URL).</summary>
    public async Task ReplaceAsync(AcmeIssuer issuer, StoredAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(account);
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient(BlobName(issuer.Name, account.DirectoryUrl))
            .UploadAsync(BinaryData.FromObjectAsJson(account, JsonSerializerOptions.Web), overwrite: true, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Where the account of issuer <paramref name="issuerName"/> at <paramref name="directoryUrl"/> is kept.</summary>
    public static string BlobName(string issuerName, Uri directoryUrl)
    {
        ArgumentNullException.ThrowIfNull(directoryUrl);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(directoryUrl.AbsoluteUri)))[..16];
        var file = $"{directoryUrl.Host}-{hash}.json";
        return string.Equals(issuerName, AcmeIssuer.DefaultName, StringComparison.Ordinal) ? $"accounts/{file}" : $"accounts/{issuerName}/{file}";
    }
}
