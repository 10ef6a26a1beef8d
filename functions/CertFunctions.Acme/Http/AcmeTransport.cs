using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CertFunctions.Acme.Errors;
using CertFunctions.Acme.Jws;
using CertFunctions.Acme.Protocol;
using CertFunctions.Acme.Telemetry;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Acme.Http;

/// <summary>Sends ACME requests: directory cache, nonce pool, JWS signing, badNonce retries, problem mapping. Thread-safe.</summary>
internal sealed class AcmeTransport
{
    private const string JoseJson = "application/jose+json";
    private readonly HttpClient _http;
    private readonly Uri _directoryUrl;
    private readonly AcmeClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentStack<string> _nonces = new();
    private Task<AcmeDirectory>? _directory;
    private long _requestCount;

    public AcmeTransport(HttpClient http, Uri directoryUrl, AcmeClientOptions options, ILogger logger, TimeProvider time)
    {
        _http = http;
        _directoryUrl = directoryUrl;
        _options = options;
        _logger = logger;
        _time = time;
    }

    public long RequestCount => Interlocked.Read(ref _requestCount);

    public Task<AcmeDirectory> GetDirectoryAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _directory);
        if (current is null || current.IsFaulted || current.IsCanceled)
        {
            // One shared fetch, not tied to a single caller's cancellation; a failed fetch is tried again next time.
            var fetch = FetchDirectoryAsync();
            current = Interlocked.CompareExchange(ref _directory, fetch, current) == current ? fetch : Volatile.Read(ref _directory)!;
        }

        return current.WaitAsync(cancellationToken);
    }

    private async Task<AcmeDirectory> FetchDirectoryAsync()
    {
        var response = await GetAsync(_directoryUrl, AcmeEndpoint.Directory, accept: null, CancellationToken.None).ConfigureAwait(false);
        return response.ReadJson(AcmeJsonContext.Default.AcmeDirectory);
    }

    /// <summary>An unauthenticated GET (directory, renewalInfo).</summary>
    public async Task<AcmeResponse> GetAsync(Uri url, AcmeEndpoint endpoint, string? accept, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        Mark(request, endpoint);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(url, response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A signed POST; <paramref name="payload"/> null means POST-as-GET; a null key id signs with the JWK.</summary>
    public async Task<AcmeResponse> PostAsync(
        Uri url,
        AcmeEndpoint endpoint,
        Func<byte[]?> payload,
        Func<(AccountKey Key, Uri? KeyId)> signer,
        string? accept,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var nonce = await TakeNonceAsync(cancellationToken).ConfigureAwait(false);
            var (key, keyId) = signer();
            var body = JwsEncoder.Sign(key, url, nonce, keyId, payload());
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(JoseJson);
            Mark(request, endpoint);
            if (accept is not null)
            {
                request.Headers.Accept.ParseAdd(accept);
            }

            using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            try
            {
                return await ReadAsync(url, response, cancellationToken).ConfigureAwait(false);
            }
            catch (AcmeBadNonceException) when (attempt < _options.BadNonceRetries)
            {
                AcmeLog.BadNonceRetry(_logger, url, attempt + 1, _options.BadNonceRetries);
            }
        }
    }

    private async Task<string> TakeNonceAsync(CancellationToken cancellationToken)
    {
        if (_nonces.TryPop(out var nonce))
        {
            return nonce;
        }

        var directory = await GetDirectoryAsync(cancellationToken).ConfigureAwait(false);
        if (_nonces.TryPop(out nonce))
        {
            return nonce;
        }

        using var request = new HttpRequestMessage(HttpMethod.Head, directory.NewNonce);
        Mark(request, AcmeEndpoint.NewNonce);
        using var response = await SendAsync(request, cancellationToken, keepNonce: false).ConfigureAwait(false);
        if (response.Headers.TryGetValues("Replay-Nonce", out var values) && values.FirstOrDefault() is { Length: > 0 } fresh)
        {
            return fresh;
        }

        throw new AcmeProtocolException($"newNonce ({directory.NewNonce}) answered HTTP {(int)response.StatusCode} without a Replay-Nonce.")
        {
            RequestUri = directory.NewNonce,
        };
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken, bool keepNonce = true)
    {
        request.Headers.UserAgent.ParseAdd(_options.UserAgent);
        // HTTP/2 when the CA offers it (one multiplexed TLS connection for concurrent orders), else HTTP/1.1.
        request.Version = _options.PreferHttp2 ? HttpVersion.Version20 : HttpVersion.Version11;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        Interlocked.Increment(ref _requestCount);
        var started = _time.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (Observe(request, null, started))
        {
            throw; // Unreachable: Observe returns false, so the filter only records the failed request.
        }

        Observe(request, (int)response.StatusCode, started);
        AcmeLog.Request(_logger, request.Method.Method, request.RequestUri!, (int)response.StatusCode);
        if (keepNonce && response.Headers.TryGetValues("Replay-Nonce", out var values))
        {
            foreach (var value in values)
            {
                if (value.Length > 0)
                {
                    _nonces.Push(value);
                }
            }
        }

        return response;
    }

    /// <summary>Tags the request with its endpoint kind, for the observer and for HTTP tracing (which must not show the URL).</summary>
    private static void Mark(HttpRequestMessage request, AcmeEndpoint endpoint) => request.Options.Set(AcmeRequestOptions.Endpoint, endpoint);

    private bool Observe(HttpRequestMessage request, int? status, long started)
    {
        if (_options.RequestObserver is { } observer && request.Options.TryGetValue(AcmeRequestOptions.Endpoint, out var endpoint))
        {
            observer.OnRequest(new AcmeRequestRecord(endpoint, request.Method.Method, status, _time.GetElapsedTime(started)));
        }

        return false;
    }

    private async Task<AcmeResponse> ReadAsync(Uri url, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var retryAfter = HeaderParser.RetryAfter(response, _time);
        if (!response.IsSuccessStatusCode)
        {
            var problem = ReadProblem(body, response.StatusCode);
            AcmeLog.Problem(_logger, problem.Type ?? "about:blank", url, (int)response.StatusCode, problem.Detail);
            throw AcmeErrorFactory.Create(problem, response.StatusCode, retryAfter, url);
        }

        var location = response.Headers.Location is { } l ? new Uri(url, l) : null;
        return new AcmeResponse(url, response.StatusCode, body, location, HeaderParser.Links(response.Headers, "alternate", url), retryAfter);
    }

    private static AcmeProblem ReadProblem(byte[] body, HttpStatusCode status)
    {
        try
        {
            if (body.Length > 0 && JsonSerializer.Deserialize(body, AcmeJsonContext.Default.AcmeProblem) is { } problem)
            {
                return problem;
            }
        }
        catch (JsonException)
        {
            // Not a problem document; describe the raw answer below.
        }

        var text = Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 512)));
        return new AcmeProblem { Detail = $"HTTP {(int)status} without a problem document: {text}", Status = (int)status };
    }
}
