using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using CertFunctions.Core.Storage;

namespace CertFunctions.Core.Acme;

/// <summary>
/// Remembers, per orchestration instance, the order it created (state container, <c>orders/</c>): an activity runs at
/// least once, and a second run must go on with the first run's order instead of creating another one.
/// </summary>
public sealed class OrderRecordStore(BlobContainers containers)
{
    /// <summary>The blob prefix.</summary>
    public const string Prefix = "orders/";

    /// <summary>The order recorded for <paramref name="instanceId"/>, or null.</summary>
    public async Task<RecordedOrder?> ReadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var content = await container.GetBlobClient(BlobName(instanceId)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToObjectFromJson<RecordedOrder>(JsonSerializerOptions.Web);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Records <paramref name="order"/> as the order of <paramref name="instanceId"/> (replacing an earlier one).</summary>
    public async Task WriteAsync(string instanceId, RecordedOrder order, CancellationToken cancellationToken)
    {
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient(BlobName(instanceId))
            .UploadAsync(BinaryData.FromObjectAsJson(order, JsonSerializerOptions.Web), overwrite: true, cancellationToken)
            .ConfigureAwait(false);
    }

    private static string BlobName(string instanceId)
        => Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(instanceId))) + ".json";
}
