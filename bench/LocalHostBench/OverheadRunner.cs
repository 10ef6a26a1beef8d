using CertFunctions.Testing.LocalWorld;

namespace LocalHostBench;

/// <summary>
/// For one Local:MaxQueuePollingInterval: a warm-up of each, then N repetitions alternating which goes first, of a
/// 1-name issuance through the host's API and a bare CertFunctions.Acme issuance, both against the same Pebble.
/// </summary>
internal sealed class OverheadRunner(LocalWorld world, BareIssuer bare, int repetitions)
{
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
            if (label != "warm")
            {
                stepTimes.Add([.. steps, ("Observed completed", elapsed)]);
            }

            return (elapsed, final.ServerDuration ?? TimeSpan.Zero);
        }

        Task<(TimeSpan Elapsed, long Requests)> BareOnceAsync(string label) =>
            bare.IssueAsync($"{label}-v{index}.{BareRoute.Domain}", cancellationToken);

        var warmHost = await HostOnceAsync("warm");
        var warmBare = await BareOnceAsync("warm");
        Console.WriteLine($"[{variant.Label}] warm-up: host {warmHost.Elapsed.TotalMilliseconds:0} ms, bare {warmBare.Elapsed.TotalMilliseconds:0} ms");

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
