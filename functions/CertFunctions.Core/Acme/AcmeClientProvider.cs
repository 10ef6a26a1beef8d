using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using CertFunctions.Acme;
using CertFunctions.Acme.Jws;
using CertFunctions.Core.Issuers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Acme;

/// <summary>
/// The process's ACME clients, one per configured issuer: each with its own account, loaded from (or created into)
/// blob storage on first use, then shared by every activity — a client is safe for concurrent orders and keeps its
/// CA's nonces and directory. Nothing is shared between issuers (connections, trusted roots, accounts).
/// </summary>
public sealed partial class AcmeClientProvider(
    AcmeIssuerCatalog issuers, IOptions<AcmeOptions> options, AcmeAccountStore accounts, ILoggerFactory loggerFactory) : IDisposable
{
    private readonly ConcurrentDictionary<string, IssuerClient> _clients = new(StringComparer.Ordinal);
    private readonly AcmeAccountStore _accounts = accounts;
    private readonly ILoggerFactory _loggerFactory = loggerFactory;
    private readonly TimeSpan _pollTimeout = options.Value.PollTimeout;
    private readonly ILogger<AcmeClientProvider> _logger = loggerFactory.CreateLogger<AcmeClientProvider>();

    /// <summary>The configured issuers.</summary>
    public AcmeIssuerCatalog Issuers => issuers;

    /// <summary>The directory URL of issuer <paramref name="issuer"/> (null: the default).</summary>
    public Uri DirectoryUrl(string? issuer = null) => issuers.Get(issuer).DirectoryUrl;

    /// <summary>Returns the client of issuer <paramref name="issuer"/> (null: the default) with its account ready (created on first use and stored).</summary>
    public Task<AcmeClient> GetClientAsync(string? issuer, CancellationToken cancellationToken)
        => ClientOf(issuers.Get(issuer)).GetAsync(cancellationToken);

    /// <summary>
    /// Registers the account of <paramref name="issuer"/> again with its stored key (newAccount with the same contact
    /// and EAB) after the CA said it no longer knows <paramref name="unknownAccountUrl"/>, and stores the new URL. Returns
    /// false when another caller already did (the shared client has a different URL by now): then just use the client again.
    /// </summary>
    public Task<bool> RegisterAgainAsync(string? issuer, Uri? unknownAccountUrl, CancellationToken cancellationToken)
        => ClientOf(issuers.Get(issuer)).RegisterAgainAsync(unknownAccountUrl, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private IssuerClient ClientOf(AcmeIssuer issuer) => _clients.GetOrAdd(issuer.Name, _ => new IssuerClient(issuer, this));

    private static AccountOptions AccountOptionsFrom(AcmeIssuer issuer) => new()
    {
        Contact = issuer.Email is null ? null : ["mailto:" + issuer.Email],
        TermsOfServiceAgreed = true,
        // RFC 8555 section 7.3.4: only where the issuer is configured with a binding; other CAs reject or ignore one.
        ExternalAccountBinding = issuer.HasExternalAccountBinding ? new ExternalAccountBinding(issuer.EabKeyId!, issuer.EabHmacKey!) : null,
    };

    private static HttpClient CreateHttpClient(AcmeIssuer issuer)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        };
        if (issuer.TrustedRootPath is { } rootPath)
        {
            // Trust exactly this root (a private CA, or Pebble locally) in addition to nothing else: the chain must end in it.
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(rootPath);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The CA of issuer {Issuer} no longer knows ACME account it had registered; registered the stored key again")]
    private static partial void LogAccountRegisteredAgain(ILogger logger, string issuer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created an ACME account for issuer {Issuer}")]
    private static partial void LogAccountCreated(ILogger logger, string issuer);

    /// <summary>One issuer's client: its HTTP connections, its account, its lock.</summary>
    private sealed class IssuerClient(AcmeIssuer issuer, AcmeClientProvider owner) : IDisposable
    {
        private readonly SemaphoreSlim _lock = new(1, 1);
        private readonly HttpClient _httpClient = CreateHttpClient(issuer);
        private readonly Telemetry.AcmeRequestMetrics _requests = new(issuer.Name);
        private AcmeClient? _client;

        public async Task<AcmeClient> GetAsync(CancellationToken cancellationToken)
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

                var stored = await owner._accounts.ReadAsync(issuer, cancellationToken).ConfigureAwait(false);
                if (stored is null)
                {
                    using var key = AccountKey.Generate(issuer.AccountKeyType);
                    using var creator = new AcmeClient(_httpClient, issuer.DirectoryUrl, key, options: new AcmeClientOptions { RequestObserver = _requests }, logger: owner._loggerFactory.CreateLogger<AcmeClient>());
                    Uri accountUrl;
                    try
                    {
                        accountUrl = await creator.EnsureAccountAsync(AccountOptionsFrom(issuer), cancellationToken).ConfigureAwait(false);
                    }
                    catch (CertFunctions.Acme.Errors.AcmeException ex)
                    {
                        // Say which issuer, and what to set where a binding is missing: the CA's words alone do not.
                        throw new AcmeAccountRegistrationException(issuer, ex);
                    }

                    stored = await owner._accounts.CreateAsync(issuer, new StoredAccount(issuer.DirectoryUrl, accountUrl, key.ExportPem()), cancellationToken).ConfigureAwait(false);
                    // Account URLs identify the account: logs (exported as telemetry) leave them out.
                    LogAccountCreated(owner._logger, issuer.Name);
                }

                _client = AcmeClient.FromStoredState(
                    _httpClient,
                    issuer.DirectoryUrl,
                    stored.KeyPem,
                    stored.AccountUrl,
                    new AcmeClientOptions { PollTimeout = owner._pollTimeout, RequestObserver = _requests },
                    owner._loggerFactory.CreateLogger<AcmeClient>());
                return _client;
            }
            finally
            {
                _lock.Release();
            }
        }

        public async Task<bool> RegisterAgainAsync(Uri? unknownAccountUrl, CancellationToken cancellationToken)
        {
            var client = await GetAsync(cancellationToken).ConfigureAwait(false);
            await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (client.AccountUrl != unknownAccountUrl)
                {
                    return false;
                }

                // The same client object: its key stays, only its account URL changes, so every activity sharing it goes on.
                var account = await client.CreateAccountAsync(AccountOptionsFrom(issuer), cancellationToken).ConfigureAwait(false);
                await owner._accounts.ReplaceAsync(
                    issuer, new StoredAccount(issuer.DirectoryUrl, account.Url!, client.AccountKey.ExportPem()), cancellationToken).ConfigureAwait(false);
                LogAccountRegisteredAgain(owner._logger, issuer.Name);
                return true;
            }
            finally
            {
                _lock.Release();
            }
        }

        public void Dispose()
        {
            _client?.Dispose();
            _httpClient.Dispose();
            _lock.Dispose();
        }
    }
}
