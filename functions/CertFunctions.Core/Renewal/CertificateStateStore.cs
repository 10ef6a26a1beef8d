using System.Text.Json;
using Azure;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Storage;

namespace CertFunctions.Core.Renewal;

/// <summary>Reads and writes <see cref="CertificateState"/> blobs, one per certificate.</summary>
public sealed class CertificateStateStore(BlobContainers containers)
{
    private const string Prefix = "certificates/";

    /// <summary>Reads the state of one certificate, or null.</summary>
    public async Task<CertificateState?> ReadAsync(CertificateRef certificate, CancellationToken cancellationToken)
    {
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var content = await container.GetBlobClient(BlobName(certificate)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToObjectFromJson<CertificateState>(JsonSerializerOptions.Web);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Writes the state of one certificate.</summary>
    public async Task WriteAsync(CertificateState state, CancellationToken cancellationToken)
    {
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient(BlobName(state.Certificate))
            .UploadAsync(BinaryData.FromObjectAsJson(state, JsonSerializerOptions.Web), overwrite: true, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Reads every stored state (for the list API and the renewal scan).</summary>
    public async Task<IReadOnlyList<CertificateState>> ListAsync(CancellationToken cancellationToken)
    {
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = Prefix }, cancellationToken).ConfigureAwait(false))
        {
            names.Add(blob.Name);
        }

        var states = new CertificateState?[names.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, names.Count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            try
            {
                var content = await container.GetBlobClient(names[i]).DownloadContentAsync(ct).ConfigureAwait(false);
                states[i] = content.Value.Content.ToObjectFromJson<CertificateState>(JsonSerializerOptions.Web);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Deleted meanwhile.
            }
        }).ConfigureAwait(false);
        return [.. states.OfType<CertificateState>()];
    }

    /// <summary>The certificates of <paramref name="cluster"/> with a stored state and when each was last written, from the blob listing alone.</summary>
    public async Task<IReadOnlyList<StoredStateEntry>> ListEntriesAsync(string cluster, CancellationToken cancellationToken)
    {
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        var prefix = $"{Prefix}{cluster}/";
        var entries = new List<StoredStateEntry>();
        await foreach (var blob in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
        {
            // certificates/<cluster>/<namespace>/<ingress>.json, or, for one Secret of a Gateway,
            // certificates/<cluster>/<namespace>/gateways/<gateway>/<secret namespace>/<secret>.json; names hold no '/'.
            var parts = blob.Name[prefix.Length..].Split('/');
            if (blob.Properties.LastModified is not { } written || !parts[^1].EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            var last = parts[^1][..^".json".Length];
            if (parts.Length == 2)
            {
                entries.Add(new StoredStateEntry(new CertificateRef(cluster, parts[0], last), written));
            }
            else if (parts.Length == 5 && parts[1] == "gateways")
            {
                var gateway = CertificateRef.ForGateway(cluster, parts[0], parts[2]);
                entries.Add(new StoredStateEntry(last == "_" ? gateway : gateway.ForSecret(parts[3], last), written));
            }
        }

        return entries;
    }

    /// <summary>Deletes the state of one certificate (nothing happens when there is none).</summary>
    public async Task DeleteAsync(CertificateRef certificate, CancellationToken cancellationToken)
    {
        var container = await containers.GetStateAsync(cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient(BlobName(certificate)).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    // A Gateway's certificates are one per Secret, so their state is kept per Secret, under a path of its own (more
    // segments than an Ingress's, so the Ingress listing and retirement above never take one for an Ingress).
    private static string BlobName(CertificateRef certificate) => certificate.IsGateway
        ? $"{Prefix}{certificate.Cluster}/{certificate.Namespace}/gateways/{certificate.Name}/{certificate.SecretNamespace}/{certificate.SecretName ?? "_"}.json"
        : $"{Prefix}{certificate.Cluster}/{certificate.Namespace}/{certificate.Ingress}.json";
}
