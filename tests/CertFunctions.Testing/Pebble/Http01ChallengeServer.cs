using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CertFunctions.Testing.Pebble;

/// <summary>
/// A minimal http-01 responder on 127.0.0.1 (usually Pebble's validation port): answers
/// <c>GET /.well-known/acme-challenge/&lt;token&gt;</c> with the registered key authorization, 404 otherwise.
/// </summary>
public sealed class Http01ChallengeServer : IAsyncDisposable
{
    private const string Prefix = "/.well-known/acme-challenge/";
    private readonly TcpListener _listener;
    private readonly ConcurrentDictionary<string, string> _answers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private int _requests;

    private Http01ChallengeServer(int port)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        Port = port;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>How many challenge requests arrived (any token).</summary>
    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>Starts listening on 127.0.0.1:<paramref name="port"/>.</summary>
    public static Http01ChallengeServer Start(int port) => new(port);

    /// <summary>Serves <paramref name="keyAuthorization"/> for <paramref name="token"/>.</summary>
    public void Add(string token, string keyAuthorization) => _answers[token] = keyAuthorization;

    /// <summary>Stops serving the token.</summary>
    public void Remove(string token) => _answers.TryRemove(token, out _);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream, timeout.Token);
                var requestLine = head.Split("\r\n", 2)[0].Split(' ');
                var path = requestLine.Length >= 2 ? requestLine[1] : string.Empty;
                Interlocked.Increment(ref _requests);
                var found = path.StartsWith(Prefix, StringComparison.Ordinal) && _answers.TryGetValue(path[Prefix.Length..], out var answer)
                    ? answer
                    : null;
                var body = Encoding.ASCII.GetBytes(found ?? "not found");
                var status = found is null ? "404 Not Found" : "200 OK";
                var header = $"HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(header), timeout.Token);
                await stream.WriteAsync(body, timeout.Token);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                // The client went away.
            }
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
            {
                break;
            }
        }

        return Encoding.ASCII.GetString(buffer, 0, length);
    }
}
