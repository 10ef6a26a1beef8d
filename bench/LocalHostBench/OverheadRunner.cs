using CertFunctions.Testing.LocalWorld;

namespace LocalHostBench;

/// <summary>
/// For one host variant: untimed warm-ups of each, then N repetitions alternating which goes first, of a 1-name
/// issuance through the host's API and a bare CertFunctions.Acme issuance, both against the same Pebble. Every
/// variant starts a fresh host process, while the bare client and the world's programs live for the whole run; the
/// warm-ups bring the new process's JIT to steady state, as a long-running Functions host is.
/// </summary>
internal sealed class OverheadRunner(LocalWorld world, BareIssuer bare, int repetitions, int warmups)
{
    /// <summary>
    /// Issues <paramref name="count"/> certificates each way through a throw-away host before anything is timed: Azurite,
    /// Pebble, the emulator and the bare client live for the whole run, and without this the variants that run first
    /// pay for warming them (measured: a monotone 30% drop across four variants in the order they ran).
    /// </summary>
    public async Task WarmWorldAsync(int count, CancellationToken cancellationToken)
    {
        await using var host = await HostRun.StartAsync(world, 250, "warm");
        var issuer = new HostIssuer(host);
        using var client = world.Emulator.CreateKubernetesClient();
        const string ns = "overhead-warm";
        await BenchIngresses.CreateNamespaceAsync(client, ns, cancellationToken);
        for (var i = 0; i < count; i++)
        {
            await BenchIngresses.CreateAsync(client, ns, $"web-{i}", $"w{i}.host.bench.test", cancellationToken);
            var (elapsed, _, _) = await issuer.IssueAsync(ns, $"web-{i}", cancellationToken);
            var (bareElapsed, _) = await bare.IssueAsync($"w{i}.{BareRoute.Domain}", cancellationToken);
            Console.WriteLine($"[world warm-up] {i}: host {elapsed.TotalMilliseconds:0} ms, bare {bareElapsed.TotalMilliseconds:0} ms");
        }
    }

    public async Task<OverheadResult> RunAsync(HostVariant variant, int index, CancellationToken cancellationToken)
    {
        var pollingIntervalMs = variant.PollingIntervalMs;
        await using var host = await HostRun.StartAsync(world, pollingIntervalMs, "v" + index, variant.Extra);
        var issuer = new HostIssuer(host);
        using var client = world.Emulator.CreateKubernetesClient();
        var ns = $"overhead-v{index}";
        await BenchIngresses.CreateNamespaceAsync(client, ns, cancellationToken);

        var stepTimes = new List<IReadOnlyList<(string Step, TimeSpan FirstSeen)>>();
        async Task<(TimeSpan Elapsed, TimeSpan Server)> HostOnceAsync(string label)
        {
            var name = $"web-{label}";
            await BenchIngresses.CreateAsync(client, ns, name, $"{label}-v{index}.host.bench.test", cancellationToken);
            var (elapsed, final, steps) = await issuer.IssueAsync(ns, name, cancellationToken);
            if (!label.StartsWith("warm", StringComparison.Ordinal))
            {
                stepTimes.Add([.. steps, ("Observed completed", elapsed)]);
            }

            return (elapsed, final.ServerDuration ?? TimeSpan.Zero);
        }

        Task<(TimeSpan Elapsed, long Requests)> BareOnceAsync(string label) =>
            bare.IssueAsync($"{label}-v{index}.{BareRoute.Domain}", cancellationToken);

        for (var warm = 0; warm < warmups; warm++)
        {
            var warmHost = await HostOnceAsync("warm" + warm);
            var warmBare = await BareOnceAsync("warm" + warm);
            Console.WriteLine($"[{variant.Label}] warm-up {warm}: host {warmHost.Elapsed.TotalMilliseconds:0} ms, bare {warmBare.Elapsed.TotalMilliseconds:0} ms");
        }

        var hostTimes = new List<TimeSpan>();
        var serverTimes = new List<TimeSpan>();
        var bareTimes = new List<TimeSpan>();
        var bareRequests = new List<long>();
        for (var rep = 0; rep < repetitions; rep++)
        {
            (TimeSpan Elapsed, TimeSpan Server) h;
            (TimeSpan Elapsed, long Requests) b;
            if (rep % 2 == 0)
            {
                h = await HostOnceAsync("r" + rep);
                b = await BareOnceAsync("r" + rep);
            }
            else
            {
                b = await BareOnceAsync("r" + rep);
                h = await HostOnceAsync("r" + rep);
            }

            hostTimes.Add(h.Elapsed);
            serverTimes.Add(h.Server);
            bareTimes.Add(b.Elapsed);
            bareRequests.Add(b.Requests);
            Console.WriteLine($"[{variant.Label}] rep {rep}: host {h.Elapsed.TotalMilliseconds:0} ms (server {h.Server.TotalMilliseconds:0} ms), bare {b.Elapsed.TotalMilliseconds:0} ms, ratio {h.Elapsed / b.Elapsed:0.0}");
        }

        var secrets = await BenchIngresses.ManagedSecretsAsync(client, ns, cancellationToken);
        return new OverheadResult(variant.Label, hostTimes, serverTimes, bareTimes, bareRequests, secrets.Count, StepTimeline.Medians(stepTimes));
    }
}
