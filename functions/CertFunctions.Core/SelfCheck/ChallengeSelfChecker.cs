using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.SelfCheck;

/// <summary>Fetches <c>http://{host}/.well-known/acme-challenge/{token}</c> the way an ACME CA does.</summary>
/// <remarks>
/// Like Let's Encrypt's validation: plain HTTP on the validation port, up to 10 redirects to http or https on
/// ports 80/443 (or the configured port), never to an IP address, a body read no further than a key authorization
/// needs, and the certificate of an https redirect target is not verified — the CA does not verify it either, and
/// the site's current certificate is often the expired one being replaced. A check more lenient than the CA would
/// pass where the CA then fails, and each failed validation counts against the CA's limits.
/// </remarks>
public sealed partial class ChallengeSelfChecker : IDisposable
{
    /// <summary>The name of the HTTP client used for the check.</summary>
    public const string HttpClientName = "CertFunctions.SelfCheck";

    private const int MaxRedirects = 10;

    /// <summary>Most of a body read: a key authorization is under 100 characters, so anything near this is not one.</summary>
    private const int MaxBodyBytes = 4096;
    private readonly IOptions<SelfCheckOptions> _options;
    private readonly ILogger<ChallengeSelfChecker> _logger;
    private readonly HttpMessageInvoker _invoker;

    /// <summary>Creates the checker with its own connection handling (address override, no automatic redirects).</summary>
    public ChallengeSelfChecker(IOptions<SelfCheckOptions> options, ILogger<ChallengeSelfChecker> logger)
    {
        _options = options;
        _logger = logger;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
            ConnectTimeout = options.Value.RequestTimeout,
            SslOptions =
            {
                // The CA ignores the certificate of an https redirect target; so must the self-check.
                // Only this handler, which never sends credentials or secrets, skips verification.
#pragma warning disable CA5359
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
#pragma warning restore CA5359
            },
        };
        var connectAddress = options.Value.ConnectAddress;
        if (!string.IsNullOrWhiteSpace(connectAddress))
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(connectAddress, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        _invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    /// <summary>Fetches the challenge URL of <paramref name="host"/> once and compares the body with the key authorization.</summary>
    public async Task<SelfCheckAttempt> CheckOnceAsync(string host, string token, string keyAuthorization, CancellationToken cancellationToken)
    {
        var options = _options.Value;
        var uri = new UriBuilder(Uri.UriSchemeHttp, host, options.Port, "/.well-known/acme-challenge/" + token).Uri;
        var hops = new List<string>();
        try
        {
            for (var redirect = 0; ; redirect++)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(options.RequestTimeout);
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.UserAgent.ParseAdd("CertFunctions-SelfCheck/1.0");

                // A new connection per attempt, as the CA's validators open: behind a load balancer each pass may reach
                // another ingress replica, which is what consecutive passes are for (a kept-alive connection would
                // ask the same replica every time).
                request.Headers.ConnectionClose = true;
                request.Headers.Accept.ParseAdd("*/*");
                using var response = await _invoker.SendAsync(request, timeout.Token).ConfigureAwait(false);
                hops.Add($"{uri} -> {(int)response.StatusCode}");
                if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
                {
                    if (redirect >= MaxRedirects)
                    {
                        return Fail(host, $"more than {MaxRedirects} redirects: {string.Join(", ", hops)}");
                    }

                    var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
                    if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
                    {
                        return Fail(host, $"redirect to unsupported scheme '{next.Scheme}': {string.Join(", ", hops)}");
                    }

                    if (next.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
                    {
                        return Fail(host, $"redirect to an IP address ({next.Host}), which the CA does not follow: {string.Join(", ", hops)}");
                    }

                    if (next.Port != 80 && next.Port != 443 && next.Port != options.Port)
                    {
                        return Fail(host, $"redirect to port {next.Port}; the CA follows only ports 80 and 443: {string.Join(", ", hops)}");
                    }

                    uri = next;
                    continue;
                }

                if (response.StatusCode != HttpStatusCode.OK)
                {
                    var hint = await ResponseBodyHint.ReadAsync(response.Content, timeout.Token).ConfigureAwait(false);
                    return Fail(host, $"HTTP {(int)response.StatusCode} from {string.Join(", ", hops)}{hint}");
                }

                var body = await ReadBoundedAsync(response.Content, timeout.Token).ConfigureAwait(false);
                if (body is null)
                {
                    return Fail(host, $"body larger than {MaxBodyBytes} bytes from {string.Join(", ", hops)}");
                }

                body = body.Trim();
                return body == keyAuthorization
                    ? new SelfCheckAttempt(host, true, $"OK ({string.Join(", ", hops)})")
                    : Fail(host, $"unexpected body ({body.Length} characters) from {string.Join(", ", hops)}");
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException or SocketException
                                    && !cancellationToken.IsCancellationRequested)
        {
            return Fail(host, $"{uri}: {ex.Message}");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _invoker.Dispose();

    private SelfCheckAttempt Fail(string host, string detail)
    {
        LogFailed(_logger, host, detail);
        return new SelfCheckAttempt(host, false, detail);
    }

    /// <summary>Reads the body up to <see cref="MaxBodyBytes"/>; null when it is longer.</summary>
    private static async Task<string?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        // One byte past the limit tells a body of exactly the limit from a longer one.
        var body = await BoundedBody.ReadAtMostAsync(content, MaxBodyBytes + 1, cancellationToken).ConfigureAwait(false);
        return body.Count > MaxBodyBytes ? null : System.Text.Encoding.UTF8.GetString(body);
    }

    private static bool IsRedirect(HttpStatusCode status)
        => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    [LoggerMessage(Level = LogLevel.Information, Message = "Self-check of {Host} did not pass yet: {Detail}")]
    private static partial void LogFailed(ILogger logger, string host, string detail);
}
