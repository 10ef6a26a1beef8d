using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using CertFunctions.Acme;
using CertFunctions.Acme.Jws;
using CertFunctions.Testing.Pebble;

namespace LocalHostBench;

/// <summary>
/// A bare issuance with CertFunctions.Acme in this process: a known account (created once, untimed), a new
/// <see cref="AcmeClient"/> per issuance (directory, nonce, order, http-01, finalize, download), challenges served by an
/// in-process listener reached by Pebble through the emulator's front.
/// </summary>
internal sealed class BareIssuer : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _directory;
    private readonly AccountKey _key = AccountKey.Generate();
    private readonly Http01ChallengeServer _server;
    private Uri? _accountUrl;

    private BareIssuer(PebbleFixture pebble, int listenerPort)
    {
        _directory = pebble.DirectoryUri;
        _http = pebble.CreateHttpClient();
        _server = Http01ChallengeServer.Start(listenerPort);
    }

    /// <summary>The listener's port.</summary>
    public int ListenerPort => _server.Port;

    /// <summary>Starts the listener on <paramref name="listenerPort"/>.</summary>
    public static BareIssuer Start(PebbleFixture pebble, int listenerPort) => new(pebble, listenerPort);

    /// <summary>Issues a certificate for <paramref name="name"/> and returns the wall time and the ACME request count.</summary>
    public async Task<(TimeSpan Elapsed, long Requests)> IssueAsync(string name, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        using var client = new AcmeClient(_http, _directory, _key, _accountUrl, new AcmeClientOptions { BadNonceRetries = 20 });
        var issued = await client.IssueAsync(
            [name],
            (challenge, _) =>
            {
                _server.Add(challenge.Token, challenge.KeyAuthorization);
                return Task.CompletedTask;
            },
            (challenge, _) =>
            {
                _server.Remove(challenge.Token);
                return Task.CompletedTask;
            },
            cancellationToken: cancellationToken);
        var elapsed = stopwatch.Elapsed;
        _accountUrl ??= client.AccountUrl;
        using (issued.Key)
        {
            var names = issued.Chain.Leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames());
            if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The bare issuance for {name} returned a certificate without that name.");
            }
        }

        return (elapsed, client.RequestCount);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _key.Dispose();
        _http.Dispose();
    }
}
