using CertFunctions.Testing.LocalWorld;

namespace ResponderLoad;

/// <summary>Runs the known-token and random-token loads against one server, counting storage requests for the host.</summary>
internal sealed class LoadRunner(Wrk wrk, string randomScript, string token, string? debugLogPath)
{
    /// <summary>A short untimed warm-up, then known then unknown tokens.</summary>
    public async Task<IReadOnlyList<Scenario>> RunAsync(string server, Uri baseUri)
    {
        var known = new Uri(baseUri, "/.well-known/acme-challenge/" + token);
        await wrk.RunAsync(known, null, seconds: 2);
        await wrk.RunAsync(baseUri, randomScript, seconds: 2);
        var results = new List<Scenario>();
        foreach (var (label, script) in new[] { ("known token", (string?)null), ("random unknown tokens", randomScript) })
        {
            var mark = debugLogPath is null ? 0 : StorageLog.Mark(debugLogPath);
            var result = await wrk.RunAsync(script is null ? known : baseUri, script);
            await Task.Delay(500); // let Azurite flush its debug log
            (int List, int Read, int Other)? storage = debugLogPath is null ? null : StorageLog.CountSince(debugLogPath, mark);
            var scenario = new Scenario(server, label, result, storage);
            results.Add(scenario);
            Console.WriteLine($"{server}, {label}: {result.RequestsPerSecond:0} req/s, p50 {result.P50Ms:0.00} ms, p99 {result.P99Ms:0.00} ms, {result.Requests} requests, non-2xx {result.Non2xx}, "
                + $"socket errors {result.SocketErrors}, storage {(storage is { } s ? $"list {s.List} read {s.Read} other {s.Other}" : "n/a")}");
        }

        return results;
    }

    /// <summary>Checks the host answers the known token with the body before loading it.</summary>
    public static async Task VerifyAsync(LocalHostProcess host, string token, string body)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var response = await host.Http.GetAsync(new Uri("/.well-known/acme-challenge/" + token, UriKind.Relative));
            if (response.IsSuccessStatusCode && await response.Content.ReadAsStringAsync() == body)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("The host never served the published token.");
    }
}
