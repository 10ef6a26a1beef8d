using System.Diagnostics.Metrics;
using Azure;
using Azure.Storage.Blobs.Models;
using CertFunctions.Core.Storage;

namespace CertFunctions.Core.Challenges;

/// <summary>Keeps challenge key authorizations in a blob container, one blob per token.</summary>
/// <remarks>Blob metadata holds the hosts (for the optional Host check) and the owning orchestration (for leftover cleanup).</remarks>
public sealed class ChallengeTokenStore
{
    /// <summary>Meter name for storage calls the responder makes.</summary>
    public const string MeterName = "CertFunctions.Challenges";

    private const string HostsMetadata = "hosts";
    private const string OwnerMetadata = "owner";
    private readonly BlobContainers _containers;
    private readonly Counter<long> _storageCalls;
    private long _publishedVersion;

    /// <summary>Creates the store.</summary>
    public ChallengeTokenStore(BlobContainers containers, IMeterFactory meterFactory)
    {
        _containers = containers;
        var meter = meterFactory.Create(MeterName);
        _storageCalls = meter.CreateCounter<long>("certfunctions.challenges.storage_calls", description: "Storage round trips made for challenge tokens.");
    }

    /// <summary>Grows each time this instance publishes tokens, so a responder in the same process sees them at once.</summary>
    public long PublishedVersion => Interlocked.Read(ref _publishedVersion);

    /// <summary>Writes (or overwrites) the key authorizations for <paramref name="owner"/>.</summary>
    public async Task PublishAsync(string owner, IEnumerable<PublishedChallenge> challenges, CancellationToken cancellationToken)
    {
        var container = await _containers.GetChallengesAsync(cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(challenges, cancellationToken, async (challenge, ct) =>
        {
            if (!ChallengeToken.IsValid(challenge.Token))
            {
                throw new ArgumentException("The CA returned a malformed challenge token.", nameof(challenges));
            }

            var options = new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "text/plain" },
                Metadata = new Dictionary<string, string>
                {
                    [HostsMetadata] = string.Join(',', challenge.Hosts),
                    [OwnerMetadata] = Uri.EscapeDataString(owner),
                },
            };
            Count("write");
            await container.GetBlobClient(challenge.Token).UploadAsync(BinaryData.FromString(challenge.KeyAuthorization), options, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        Interlocked.Increment(ref _publishedVersion);
    }

    /// <summary>Reads one token; null when it is not published.</summary>
    public async Task<StoredChallenge?> ReadAsync(string token, CancellationToken cancellationToken)
    {
        var container = await _containers.GetChallengesAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Count("read");
            var result = await container.GetBlobClient(token).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            result.Value.Details.Metadata.TryGetValue(HostsMetadata, out var hosts);
            return new StoredChallenge(
                token,
                result.Value.Content.ToString(),
                string.IsNullOrEmpty(hosts) ? [] : hosts.Split(','));
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Lists the tokens currently published (names only).</summary>
    public async Task<HashSet<string>> ListTokensAsync(CancellationToken cancellationToken)
    {
        var container = await _containers.GetChallengesAsync(cancellationToken).ConfigureAwait(false);
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        Count("list");
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            tokens.Add(blob.Name);
        }

        return tokens;
    }

    /// <summary>Deletes the given tokens; missing ones are ignored.</summary>
    public Task DeleteAsync(IEnumerable<string> tokens, CancellationToken cancellationToken) => DeleteAsync(tokens, null, cancellationToken);

    /// <summary>
    /// Deletes the given tokens that were not written after <paramref name="unmodifiedSince"/> (all of them when null);
    /// missing ones and newer ones are left. Returns how many were deleted.
    /// </summary>
    public async Task<int> DeleteAsync(IEnumerable<string> tokens, DateTimeOffset? unmodifiedSince, CancellationToken cancellationToken)
    {
        var container = await _containers.GetChallengesAsync(cancellationToken).ConfigureAwait(false);
        var conditions = unmodifiedSince is { } since ? new BlobRequestConditions { IfUnmodifiedSince = since } : null;
        var deleted = 0;
        await Parallel.ForEachAsync(tokens.Where(ChallengeToken.IsValid), cancellationToken, async (token, ct) =>
        {
            Count("delete");
            try
            {
                var response = await container.GetBlobClient(token)
                    .DeleteIfExistsAsync(DeleteSnapshotsOption.None, conditions, ct).ConfigureAwait(false);
                if (response.Value)
                {
                    Interlocked.Increment(ref deleted);
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Published again since (a CA may hand a new run the same pending authorization): it is that run's now.
            }
        }).ConfigureAwait(false);
        return deleted;
    }

    /// <summary>Deletes every token published by <paramref name="owner"/> (leftovers of a crashed run).</summary>
    public Task<int> DeleteOwnedByAsync(string owner, CancellationToken cancellationToken) => DeleteOwnedByAsync(owner, null, cancellationToken);

    /// <summary>Deletes the tokens published by <paramref name="owner"/> and not written after <paramref name="unmodifiedSince"/> (all when null).</summary>
    public async Task<int> DeleteOwnedByAsync(string owner, DateTimeOffset? unmodifiedSince, CancellationToken cancellationToken)
    {
        var owned = (await ListPublishedAsync(cancellationToken).ConfigureAwait(false))
            .Where(t => string.Equals(t.Owner, owner, StringComparison.Ordinal))
            .Select(t => t.Token);
        return await DeleteAsync(owned, unmodifiedSince, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every published token with its owner and when it was written (one listing, no downloads).</summary>
    public async Task<IReadOnlyList<PublishedToken>> ListPublishedAsync(CancellationToken cancellationToken)
    {
        var container = await _containers.GetChallengesAsync(cancellationToken).ConfigureAwait(false);
        var tokens = new List<PublishedToken>();
        Count("list");
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, cancellationToken).ConfigureAwait(false))
        {
            if (blob.Metadata.TryGetValue(OwnerMetadata, out var owner) && blob.Properties.LastModified is { } written)
            {
                tokens.Add(new PublishedToken(blob.Name, Uri.UnescapeDataString(owner), written));
            }
        }

        return tokens;
    }

    private void Count(string operation) => _storageCalls.Add(1, new KeyValuePair<string, object?>("operation", operation));
}
