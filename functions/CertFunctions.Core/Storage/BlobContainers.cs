using System.Collections.Concurrent;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Storage;

/// <summary>The blob containers CertFunctions uses, created on first use.</summary>
public sealed class BlobContainers(BlobServiceClientFactory factory, IOptions<StorageOptions> options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<BlobContainerClient>>> _containers = new(StringComparer.Ordinal);

    /// <summary>The container of challenge key authorizations.</summary>
    public Task<BlobContainerClient> GetChallengesAsync(CancellationToken cancellationToken)
        => GetAsync(options.Value.ChallengeContainer, cancellationToken);

    /// <summary>The container of account keys and certificate state.</summary>
    public Task<BlobContainerClient> GetStateAsync(CancellationToken cancellationToken)
        => GetAsync(options.Value.StateContainer, cancellationToken);

    private Task<BlobContainerClient> GetAsync(string name, CancellationToken cancellationToken)
    {
        var lazy = _containers.GetOrAdd(name, n => new Lazy<Task<BlobContainerClient>>(async () =>
        {
            var container = factory.Client.GetBlobContainerClient(n);
            await container.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            return container;
        }));
        var task = lazy.Value;
        if (task.IsFaulted)
        {
            // Do not cache a failure (storage may have been briefly unreachable).
            _containers.TryRemove(new KeyValuePair<string, Lazy<Task<BlobContainerClient>>>(name, lazy));
        }

        return task.WaitAsync(cancellationToken);
    }
}
