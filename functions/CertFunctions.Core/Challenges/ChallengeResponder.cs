using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Challenges;

/// <summary>Answers http-01 requests from the token store without letting anonymous callers hammer storage.</summary>
/// <remarks>
/// Unknown tokens are rejected from a snapshot of the published token names that is refreshed at most once per
/// <see cref="ResponderOptions.TokenListTtl"/> (one listing shared by all concurrent requests), instead of a
/// storage read per request. A token published by this instance is visible at once (the snapshot remembers the
/// store's publish count); one published by another instance within that period, which the self-check waits for.
/// </remarks>
public sealed partial class ChallengeResponder(
    ChallengeTokenStore store,
    IOptions<ResponderOptions> options,
    TimeProvider timeProvider,
    ILogger<ChallengeResponder> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, (StoredChallenge Challenge, DateTimeOffset Expires)> _known = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private volatile TokenSnapshot _snapshot = new([], DateTimeOffset.MinValue, -1);

    /// <summary>Returns the key authorization to serve for <paramref name="token"/>, or null for 404.</summary>
    /// <param name="token">The token from the request path.</param>
    /// <param name="host">The request's Host header (port removed), for the optional Host check.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<string?> FindKeyAuthorizationAsync(string? token, string? host, CancellationToken cancellationToken)
    {
        if (!ChallengeToken.IsValid(token))
        {
            return null;
        }

        var challenge = await FindAsync(token!, cancellationToken).ConfigureAwait(false);
        if (challenge is null)
        {
            LogUnknownToken(logger, token!);
            return null;
        }

        if (options.Value.RequireKnownHost && challenge.Hosts.Count > 0 &&
            !challenge.Hosts.Contains(host ?? string.Empty, StringComparer.OrdinalIgnoreCase))
        {
            LogHostRejected(logger, token!, host ?? "(none)");
            return null;
        }

        LogServed(logger, token!, host ?? "(none)");
        return challenge.KeyAuthorization;
    }

    private async Task<StoredChallenge?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (_known.TryGetValue(token, out var cached) && cached.Expires > now)
        {
            return cached.Challenge;
        }

        var snapshot = await GetSnapshotAsync(now, cancellationToken).ConfigureAwait(false);
        if (!snapshot.Tokens.Contains(token))
        {
            return null;
        }

        var challenge = await store.ReadAsync(token, cancellationToken).ConfigureAwait(false);
        if (challenge is not null && options.Value.PositiveCacheTtl > TimeSpan.Zero)
        {
            _known[token] = (challenge, now + options.Value.PositiveCacheTtl);
            PruneExpired(now);
        }

        return challenge;
    }

    private async Task<TokenSnapshot> GetSnapshotAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot.Expires > now && snapshot.PublishedVersion == store.PublishedVersion)
        {
            return snapshot;
        }

        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another request may have refreshed it while this one waited.
            snapshot = _snapshot;
            var version = store.PublishedVersion;
            if (snapshot.Expires > timeProvider.GetUtcNow() && snapshot.PublishedVersion == version)
            {
                return snapshot;
            }

            var tokens = await store.ListTokensAsync(cancellationToken).ConfigureAwait(false);
            snapshot = new TokenSnapshot(tokens, timeProvider.GetUtcNow() + options.Value.TokenListTtl, version);
            _snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private void PruneExpired(DateTimeOffset now)
    {
        if (_known.Count < 1024)
        {
            return;
        }

        foreach (var (key, value) in _known)
        {
            if (value.Expires <= now)
            {
                _known.TryRemove(key, out _);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _refreshLock.Dispose();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Challenge token {Token} is not published")]
    private static partial void LogUnknownToken(ILogger logger, string token);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Challenge token {Token} requested for host {Host}, which is not one of its names")]
    private static partial void LogHostRejected(ILogger logger, string token, string host);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Served challenge token {Token} for host {Host}")]
    private static partial void LogServed(ILogger logger, string token, string host);

    private sealed record TokenSnapshot(HashSet<string> Tokens, DateTimeOffset Expires, long PublishedVersion);
}
