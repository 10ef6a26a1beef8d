using CertFunctions.Acme.Jws;
using CertFunctions.Testing.Pebble;

namespace CertFunctions.Acme.Tests.Support;

/// <summary>One test's view of a Pebble: a trusted HttpClient, an http-01 server on the validation port and an ACME client.</summary>
internal sealed class PebbleSession : IAsyncDisposable
{
    private PebbleSession(PebbleFixture pebble, AccountKey key, AcmeClientOptions? options)
    {
        Pebble = pebble;
        Http = pebble.CreateHttpClient();
        Server = Http01ChallengeServer.Start(pebble.ValidationPort);
        Key = key;
        Client = new AcmeClient(Http, pebble.DirectoryUri, key, options: options);
        Responder = new DelegateHttp01Responder(
            (challenge, _) =>
            {
                Server.Add(challenge.Token, challenge.KeyAuthorization);
                return Task.CompletedTask;
            },
            (challenge, _) =>
            {
                Server.Remove(challenge.Token);
                return Task.CompletedTask;
            });
    }

    public PebbleFixture Pebble { get; }

    public HttpClient Http { get; }

    public Http01ChallengeServer Server { get; }

    public AccountKey Key { get; }

    public AcmeClient Client { get; }

    public IHttp01Responder Responder { get; }

    public static PebbleSession Start(PebbleFixture pebble, AccountKey? key = null, AcmeClientOptions? options = null)
        => new(pebble, key ?? AccountKey.Generate(), options);

    /// <summary>A new client on the same HttpClient (e.g. resumed from stored state).</summary>
    public AcmeClient NewClient(AccountKey key, Uri? accountUrl = null, AcmeClientOptions? options = null)
        => new(Http, Pebble.DirectoryUri, key, accountUrl, options);

    /// <summary>Fresh names under example.test (challtestsrv resolves every name to 127.0.0.1).</summary>
    public static string[] Names(int count)
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        return [.. Enumerable.Range(0, count).Select(i => $"n{i}-{run}.example.test")];
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Key.Dispose();
        await Server.DisposeAsync();
        Http.Dispose();
    }
}
