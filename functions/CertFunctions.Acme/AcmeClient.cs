using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CertFunctions.Acme.Errors;
using CertFunctions.Acme.Http;
using CertFunctions.Acme.Jws;
using CertFunctions.Acme.Protocol;
using CertFunctions.Acme.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CertFunctions.Acme;

/// <summary>
/// An RFC 8555 ACME client for one account. Every step is addressable by URL so a process can resume from stored
/// state; safe for concurrent orders. The caller owns the <see cref="HttpClient"/>.
/// </summary>
public sealed partial class AcmeClient : IDisposable
{
    private readonly AcmeTransport _transport;
    private readonly AcmeClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly bool _ownsKey;
    private volatile AccountState _account;

    /// <summary>Creates a client. No request is made until a method needs one; with a known account URL, none for the account.</summary>
    /// <param name="httpClient">Transport (the caller configures TLS trust and owns it).</param>
    /// <param name="directoryUrl">The CA's directory URL.</param>
    /// <param name="accountKey">The account key (the caller keeps ownership).</param>
    /// <param name="accountUrl">The account URL (kid) if the account already exists.</param>
    /// <param name="options">Retry and polling bounds.</param>
    /// <param name="logger">Logger; keys and payloads are never logged.</param>
    /// <param name="timeProvider">Clock and timers (tests).</param>
    public AcmeClient(
        HttpClient httpClient,
        Uri directoryUrl,
        AccountKey accountKey,
        Uri? accountUrl = null,
        AcmeClientOptions? options = null,
        ILogger<AcmeClient>? logger = null,
        TimeProvider? timeProvider = null)
        : this(httpClient, directoryUrl, accountKey, accountUrl, options, logger, timeProvider, ownsKey: false)
    {
    }

    private AcmeClient(
        HttpClient httpClient,
        Uri directoryUrl,
        AccountKey accountKey,
        Uri? accountUrl,
        AcmeClientOptions? options,
        ILogger? logger,
        TimeProvider? timeProvider,
        bool ownsKey)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(directoryUrl);
        ArgumentNullException.ThrowIfNull(accountKey);
        DirectoryUrl = directoryUrl;
        _options = options ?? new AcmeClientOptions();
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _ownsKey = ownsKey;
        _account = new AccountState(accountKey, accountUrl);
        _transport = new AcmeTransport(httpClient, directoryUrl, _options, _logger, _time);
    }

    /// <summary>The CA's directory URL.</summary>
    public Uri DirectoryUrl { get; }

    /// <summary>The current account key (changes after <see cref="ChangeAccountKeyAsync"/>).</summary>
    public AccountKey AccountKey => _account.Key;

    /// <summary>The account URL (kid), once known.</summary>
    public Uri? AccountUrl => _account.Url;

    /// <summary>HTTP requests sent so far (directory, nonces and retries included).</summary>
    public long RequestCount => _transport.RequestCount;

    /// <summary>Creates a client from stored state: the PEM account key and, when known, the account URL. The client owns that key.</summary>
    public static AcmeClient FromStoredState(
        HttpClient httpClient,
        Uri directoryUrl,
        string accountKeyPem,
        Uri? accountUrl = null,
        AcmeClientOptions? options = null,
        ILogger<AcmeClient>? logger = null)
        => new(httpClient, directoryUrl, AccountKey.FromPem(accountKeyPem), accountUrl, options, logger, null, ownsKey: true);

    /// <summary>The directory (fetched once, then cached).</summary>
    public Task<AcmeDirectory> GetDirectoryAsync(CancellationToken cancellationToken = default) => _transport.GetDirectoryAsync(cancellationToken);

    /// <summary>The http-01 key authorization for a token.</summary>
    public string GetKeyAuthorization(string token) => AccountKey.KeyAuthorization(token);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsKey)
        {
            _account.Key.Dispose();
        }
    }

    private Uri RequireAccountUrl() => _account.Url
        ?? throw new InvalidOperationException("The account URL is not known yet: call CreateAccountAsync or FindAccountAsync first, or pass it to the constructor.");

    private (AccountKey Key, Uri? KeyId) SignWithKid()
    {
        var account = _account;
        return (account.Key, account.Url ?? RequireAccountUrl());
    }

    private Task<AcmeResponse> PostAsync(Uri url, AcmeEndpoint endpoint, byte[]? payload, CancellationToken cancellationToken, string? accept = null)
        => _transport.PostAsync(url, endpoint, () => payload, SignWithKid, accept, cancellationToken);

    private static byte[] Serialize<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);

    private static byte[] EmptyObject() => "{}"u8.ToArray();

    private static AcmeProtocolException MissingField(string what, Uri? url) => new($"The CA's answer has no {what}.") { RequestUri = url };

    private sealed record AccountState(AccountKey Key, Uri? Url);
}
