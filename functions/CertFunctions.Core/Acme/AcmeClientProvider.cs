using System.Security.Cryptography.X509Certificates;
using CertFunctions.Acme;
using CertFunctions.Acme.Jws;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Acme;

/// <summary>
/// The process's ACME client for the configured CA: one account, loaded from (or created into) blob storage once,
/// then shared by every activity — the client is safe for concurrent orders and reuses nonces and the directory.
/// </summary>
public sealed partial class AcmeClientProvider(IOptions<AcmeOptions> options, AcmeAccountStore accounts, ILoggerFactory loggerFactory) : IDisposable
{
    private readonly IOptions<AcmeOptions> _options = options;
    private readonly AcmeAccountStore _accounts = accounts;
    private readonly ILoggerFactory _loggerFactory = loggerFactory;
    private readonly ILogger<AcmeClientProvider> _logger = loggerFactory.CreateLogger<AcmeClientProvider>();
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly HttpClient _httpClient = CreateHttpClient(options.Value);
    private AcmeClient? _client;

    /// <summary>The configured directory URL.</summary>
    public Uri DirectoryUrl => _options.Value.DirectoryUrl;

    /// <summary>Returns the client with its account ready (created on first use and stored).</summary>
    public async Task<AcmeClient> GetClientAsync(CancellationToken cancellationToken)
    {
        if (_client is { } ready)
        {
            return ready;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_client is { } raced)
            {
                return raced;
            }

            var options = _options.Value;
            var stored = await _accounts.ReadAsync(options.DirectoryUrl, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                var key = AccountKey.Generate(options.AccountKeyType);
                using var creator = new AcmeClient(_httpClient, options.DirectoryUrl, key, logger: _loggerFactory.CreateLogger<AcmeClient>());
                var accountUrl = await creator.EnsureAccountAsync(AccountOptionsFrom(options), cancellationToken).ConfigureAwait(false);
                stored = await _accounts.CreateAsync(new StoredAccount(options.DirectoryUrl, accountUrl, key.ExportPem()), cancellationToken).ConfigureAwait(false);
                key.Dispose();
                LogAccountCreated(_logger, stored.AccountUrl);
            }

            _client = AcmeClient.FromStoredState(
                _httpClient,
                options.DirectoryUrl,
                stored.KeyPem,
                stored.AccountUrl,
                new AcmeClientOptions { PollTimeout = options.PollTimeout },
                _loggerFactory.CreateLogger<AcmeClient>());
            return _client;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// Registers the account again with its stored key (newAccount with the same contact and EAB) after the CA said it
    /// no longer knows <paramref name="unknownAccountUrl"/>, and stores the new URL. Returns false when another caller
    /// already did (the shared client has a different URL by now): then just use the client again.
    /// </summary>
    public async Task<bool> RegisterAgainAsync(Uri? unknownAccountUrl, CancellationToken cancellationToken)
    {
        var client = await GetClientAsync(cancellationToken).ConfigureAwait(false);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (client.AccountUrl != unknownAccountUrl)
            {
                return false;
            }

            var options = _options.Value;
            // The same client object: its key stays, only its account URL changes, so every activity sharing it goes on.
            var account = await client.CreateAccountAsync(AccountOptionsFrom(options), cancellationToken).ConfigureAwait(false);
            await _accounts.ReplaceAsync(
                new StoredAccount(options.DirectoryUrl, account.Url!, client.AccountKey.ExportPem()), cancellationToken).ConfigureAwait(false);
            LogAccountRegisteredAgain(_logger, unknownAccountUrl, account.Url!);
            return true;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _client?.Dispose();
        _httpClient.Dispose();
        _lock.Dispose();
    }

    private static AccountOptions AccountOptionsFrom(AcmeOptions options) => new()
    {
        Contact = string.IsNullOrWhiteSpace(options.Email) ? null : ["mailto:" + options.Email],
        TermsOfServiceAgreed = true,
        ExternalAccountBinding = string.IsNullOrWhiteSpace(options.EabKeyId) || string.IsNullOrWhiteSpace(options.EabHmacKey)
            ? null
            : new ExternalAccountBinding(options.EabKeyId, options.EabHmacKey),
    };

    private static HttpClient CreateHttpClient(AcmeOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        };
        if (!string.IsNullOrWhiteSpace(options.TrustedRootPath))
        {
            // Trust exactly this root (a private CA, or Pebble locally) in addition to nothing else: the chain must end in it.
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(options.TrustedRootPath);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || errors.HasFlag(System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch))
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
            };
        }

        return new HttpClient(handler, disposeHandler: true) { Timeout = TimeSpan.FromSeconds(60) };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The CA no longer knows ACME account {UnknownAccountUrl}; registered the stored key again as {AccountUrl}")]
    private static partial void LogAccountRegisteredAgain(ILogger logger, Uri? unknownAccountUrl, Uri accountUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created ACME account {AccountUrl}")]
    private static partial void LogAccountCreated(ILogger logger, Uri accountUrl);
}
