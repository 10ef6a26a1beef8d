using System.Security.Cryptography;
using System.Text;
using Azure;
using CertFunctions.Core.Storage;

namespace CertFunctions.Core.Acme;

/// <summary>
/// Keeps the private key of an order between its finalization and the Secret write, so a crash in between
/// finishes the job on retry instead of orphaning a certificate. The key never enters orchestration history.
/// </summary>
public sealed class PendingKeyStore(BlobContainers containers)
{
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

    public async Task SaveAsync(Uri orderUrl, string keyPem, CancellationToken cancellationToken)
    {
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient(BlobName(orderUrl)).UploadAsync(BinaryData.FromString(keyPem), overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(Uri orderUrl, CancellationToken cancellationToken)
    {
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient(BlobName(orderUrl)).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static string BlobName(Uri orderUrl)
        => "pending-keys/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(orderUrl.AbsoluteUri))) + ".pem";
}
