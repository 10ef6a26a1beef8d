using System.Diagnostics.Metrics;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CertFunctions.Core.Storage;

namespace CertFunctions.Core.Challenges;

/// <summary>Keeps challenge key authorizations in a blob container, one blob per token.</summary>
/// <remarks>Blob metadata holds the hosts (for the optional Host check) and the orchestrations presenting it (for cleanup).</remarks>
public sealed class ChallengeTokenStore(BlobContainers containers, IMeterFactory meterFactory)
{
    /// <summary>Meter name for storage calls the responder makes.</summary>
    public const string MeterName = "CertFunctions.Challenges";

    private const string HostsMetadata = "hosts";
    private readonly Counter<long> _storageCalls = meterFactory.Create(MeterName)
        .CreateCounter<long>("certfunctions.challenges.storage_calls", description: "Storage round trips made for challenge tokens.");

    private long _publishedVersion;

    /// <summary>Grows each time this instance publishes tokens, so a responder in the same process sees them at once.</summary>
    public long PublishedVersion => Interlocked.Read(ref _publishedVersion);

    /// <summary>Publishes the key authorizations for <paramref name="owner"/>, adding it to the owners of tokens already there.</summary>
    /// <remarks>
    /// A CA hands every run of an account the same pending authorization, so two runs for Ingresses that share a host
    /// present the same token: each is recorded as an owner, and the token stays until the last of them releases it.
    /// </remarks>
    public async Task PublishAsync(string owner, IEnumerable<PublishedChallenge> challenges, CancellationToken cancellationToken)
    {
        var container = await containers.GetChallengesAsync(cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(challenges, cancellationToken, async (challenge, ct) =>
        {
            if (!ChallengeToken.IsValid(challenge.Token))
            {
                throw new ArgumentException("The CA returned a malformed challenge token.", nameof(challenges));
            }

            var blob = container.GetBlobClient(challenge.Token);
            BlobProperties? existing = null;
            for (var attempt = 0; ; attempt++)
            {
                // Create it if absent (one call on the common path); otherwise add this owner to what is there, as of the version read.
                if (attempt > 0)
                {
                    existing = await GetPropertiesAsync(blob, ct).ConfigureAwait(false);
                }

                var owners = existing is null ? [] : TokenOwners.Read(existing.Metadata);
                owners.Add(owner);
                var metadata = new Dictionary<string, string> { [HostsMetadata] = string.Join(',', challenge.Hosts) };
                TokenOwners.Write(metadata, owners);
                var options = new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "text/plain" },
                    Metadata = metadata,
                    Conditions = existing is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = existing.ETag },
                };
                try
                {
                    Count("write");
                    await blob.UploadAsync(BinaryData.FromString(challenge.KeyAuthorization), options, ct).ConfigureAwait(false);
                    break;
                }
                catch (RequestFailedException ex) when (ex.Status is 409 or 412)
                {
                    // Another run wrote or released it meanwhile: read it again.
                }
            }
        }).ConfigureAwait(false);
        Interlocked.Increment(ref _publishedVersion);
    }

    /// <summary>Reads one token; null when it is not published.</summary>
    public async Task<StoredChallenge?> ReadAsync(string token, CancellationToken cancellationToken)
    {
        var container = await containers.GetChallengesAsync(cancellationToken).ConfigureAwait(false);
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
        var container = await containers.GetChallengesAsync(cancellationToken).ConfigureAwait(false);
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        Count("list");
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            tokens.Add(blob.Name);
        }

        return tokens;
    }

    /// <summary>
    /// Removes <paramref name="owner"/> from the owners of <paramref name="tokens"/> and deletes each token no other
    /// owner presents; missing tokens are ignored. Returns how many were deleted.
    /// </summary>
    public async Task<int> ReleaseAsync(string owner, IEnumerable<string> tokens, CancellationToken cancellationToken)
    {
        var container = await containers.GetChallengesAsync(cancellationToken).ConfigureAwait(false);
        var deleted = 0;
        await Parallel.ForEachAsync(tokens.Where(ChallengeToken.IsValid).Distinct(StringComparer.Ordinal), cancellationToken, async (token, ct) =>
        {
            while (true)
            {
                var blob = container.GetBlobClient(token);
                var current = await GetPropertiesAsync(blob, ct).ConfigureAwait(false);
                if (current is null)
                {
                    return;
                }

                var outcome = await ReleaseVersionAsync(blob, owner, TokenOwners.Read(current.Metadata), current.Metadata, current.ETag, ct).ConfigureAwait(false);
                if (outcome is ReleaseOutcome.Deleted)
                {
                    Interlocked.Increment(ref deleted);
                }

                if (outcome is not ReleaseOutcome.Changed)
                {
                    return;
                }
            }
        }).ConfigureAwait(false);
        return deleted;
    }

    /// <summary>
    /// Like <see cref="ReleaseAsync"/>, but only for tokens still at the version <paramref name="seen"/> lists: a token
    /// written since (a new run presenting it again) is left to that run. Returns how many were deleted.
    /// </summary>
    public async Task<int> ReleaseSeenAsync(string owner, IEnumerable<PublishedToken> seen, CancellationToken cancellationToken)
    {
        var container = await containers.GetChallengesAsync(cancellationToken).ConfigureAwait(false);
        var deleted = 0;
        await Parallel.ForEachAsync(seen.Where(t => t.Owners.Contains(owner, StringComparer.Ordinal)), cancellationToken, async (token, ct) =>
        {
            var blob = container.GetBlobClient(token.Token);

            // The last owner deletes at the listed ETag straight away; only a token others still present is read, for
            // the metadata (its hosts) the owner list is rewritten into.
            IDictionary<string, string> metadata = new Dictionary<string, string>();
            if (token.Owners.Any(o => !string.Equals(o, owner, StringComparison.Ordinal)))
            {
                var current = await GetPropertiesAsync(blob, ct).ConfigureAwait(false);
                if (current is null || !SameVersion(current.ETag, token.ETag))
                {
                    return;
                }

                metadata = current.Metadata;
            }

            if (await ReleaseVersionAsync(blob, owner, [.. token.Owners], metadata, token.ETag, ct).ConfigureAwait(false) is ReleaseOutcome.Deleted)
            {
                Interlocked.Increment(ref deleted);
            }
        }).ConfigureAwait(false);
        return deleted;
    }

    /// <summary>Releases, for <paramref name="owner"/>, every token it presents that was last written no later than <paramref name="writtenBy"/> (all when null).</summary>
    public async Task<int> ReleaseOwnedAsync(string owner, DateTimeOffset? writtenBy, CancellationToken cancellationToken)
    {
        var owned = (await ListPublishedAsync(cancellationToken).ConfigureAwait(false))
            .Where(t => t.Owners.Contains(owner, StringComparer.Ordinal) && (writtenBy is null || t.Written <= writtenBy));
        return await ReleaseSeenAsync(owner, owned, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes each token that is still at the version <paramref name="seen"/> lists, whoever owns it. Returns how many were deleted.</summary>
    public async Task<int> DeleteSeenAsync(IEnumerable<PublishedToken> seen, CancellationToken cancellationToken)
    {
        var container = await containers.GetChallengesAsync(cancellationToken).ConfigureAwait(false);
        var deleted = 0;
        await Parallel.ForEachAsync(seen, cancellationToken, async (token, ct) =>
        {
            try
            {
                Count("delete");
                var response = await container.GetBlobClient(token.Token)
                    .DeleteIfExistsAsync(DeleteSnapshotsOption.None, new BlobRequestConditions { IfMatch = token.ETag }, ct).ConfigureAwait(false);
                if (response.Value)
                {
                    Interlocked.Increment(ref deleted);
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Written since it was listed: it belongs to the run that wrote it.
            }
        }).ConfigureAwait(false);
        return deleted;
    }

    /// <summary>Every published token with its owners, when it was written and its version (one listing, no downloads).</summary>
    public async Task<IReadOnlyList<PublishedToken>> ListPublishedAsync(CancellationToken cancellationToken)
    {
        var container = await containers.GetChallengesAsync(cancellationToken).ConfigureAwait(false);
        var tokens = new List<PublishedToken>();
        Count("list");
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, cancellationToken).ConfigureAwait(false))
        {
            if (blob.Properties.LastModified is { } written && blob.Properties.ETag is { } etag)
            {
                tokens.Add(new PublishedToken(blob.Name, TokenOwners.Read(blob.Metadata), written, etag));
            }
        }

        return tokens;
    }

    /// <summary>Removes <paramref name="owner"/> from the token at version <paramref name="etag"/>; deletes it when no owner is left.</summary>
    private async Task<ReleaseOutcome> ReleaseVersionAsync(
        BlobClient blob, string owner, List<string> owners, IDictionary<string, string> metadata, ETag etag, CancellationToken cancellationToken)
    {
        if (owners.RemoveAll(o => string.Equals(o, owner, StringComparison.Ordinal)) == 0 && owners.Count > 0)
        {
            // Someone else presents it and this owner never did (or already released it).
            return ReleaseOutcome.Kept;
        }

        var conditions = new BlobRequestConditions { IfMatch = etag };
        try
        {
            if (owners.Count == 0)
            {
                Count("delete");
                var response = await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.None, conditions, cancellationToken).ConfigureAwait(false);
                return response.Value ? ReleaseOutcome.Deleted : ReleaseOutcome.Kept;
            }

            var updated = new Dictionary<string, string>(metadata, StringComparer.OrdinalIgnoreCase);
            TokenOwners.Write(updated, owners);
            Count("write");
            await blob.SetMetadataAsync(updated, conditions, cancellationToken).ConfigureAwait(false);
            return ReleaseOutcome.Kept;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return ReleaseOutcome.Changed;
        }
    }

    private async Task<BlobProperties?> GetPropertiesAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            Count("properties");
            return (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Listings and reads may quote an ETag differently; the version is the same.</summary>
    private static bool SameVersion(ETag a, ETag b) => string.Equals(a.ToString().Trim('"'), b.ToString().Trim('"'), StringComparison.Ordinal);

    private void Count(string operation) => _storageCalls.Add(1, new KeyValuePair<string, object?>("operation", operation));

    private enum ReleaseOutcome
    {
        Kept,
        Deleted,
        Changed,
    }
}
