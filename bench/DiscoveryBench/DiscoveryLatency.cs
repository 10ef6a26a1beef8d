using System.Net;
using System.Text.Json.Nodes;
using CertFunctions.Core.Certificates;
using CertFunctions.Testing.LocalWorld;
using static System.FormattableString;

namespace DiscoveryBench;

/// <summary>
/// Without the admission webhook, in the local world (real emulator, real local host, real Pebble, Azurite; no
/// ValidatingWebhookConfiguration): the discovery timer on a short <c>DiscoverySchedule</c> is the only thing that notices
/// a new opted-in Ingress. kubectl applies each one at a random phase of the period, and the bench records apply to
/// issuance start, to Secret, and the issuance itself, which tick picked it up, the discovery runs, and that each Ingress
/// was issued exactly once.
/// </summary>
internal static class DiscoveryLatency
{
    /// <summary>One apply, times in milliseconds from the start of <c>kubectl apply</c>.</summary>
    /// <param name="Name">The Ingress.</param>
    /// <param name="PhaseSeconds">How long after a discovery tick the apply began.</param>
    /// <param name="KubectlReturned">When kubectl returned (the object is stored by then).</param>
    /// <param name="ToTick">When the tick whose run started the issuance came (the wait for discovery).</param>
    /// <param name="ToStart">When the issuance was created (the instance's own creation time).</param>
    /// <param name="ToSecret">When its Secret was first seen through the API (polled every 20 ms).</param>
    /// <param name="TicksMissed">Ticks after kubectl returned that did not start it (0 when discovery caught it at once).</param>
    public sealed record Apply(string Name, double PhaseSeconds, double KubectlReturned, double ToTick, double ToStart, double ToSecret, int TicksMissed)
    {
        /// <summary>Issuance start to Secret: the issuance itself.</summary>
        public double Issuance => ToSecret - ToStart;

        /// <summary>The tick to the issuance start: the discovery run's own time to notice and start it.</summary>
        public double TickToStart => ToStart - ToTick;
    }

    /// <summary>Figures of one measurement.</summary>
    /// <param name="Ticks">The discovery period and schedule the host ran with.</param>
    /// <param name="Seed">The seed of the random phases.</param>
    /// <param name="Requested">Ingresses applied in the measurement (the warm-up apart).</param>
    /// <param name="Applies">The applies whose Secret appeared, in order.</param>
    /// <param name="Cold">The warm-up apply before the measurement (first issuance of the process), if its Secret appeared.</param>
    /// <param name="WindowSeconds">From the first measured apply to the last scrape (two ticks after the last Secret).</param>
    /// <param name="DiscoveryRuns">Discovery runs the host counted in the window (<c>certfunctions_scan_runs_total</c>).</param>
    /// <param name="TicksInWindow">Ticks of the schedule in the same window.</param>
    /// <param name="DiscoveryStarts">Issuances the discovery runs reported starting in the window.</param>
    /// <param name="IssuancesStarted">Issuances started in the window with reason <c>Discovered</c> (<c>certfunctions_issuance_started_total</c>).</param>
    /// <param name="IssuedOnce">Measured Ingresses with exactly one <c>CertificateIssued</c> Event.</param>
    /// <param name="IssuedMoreThanOnce">Measured Ingresses issued more than once.</param>
    /// <param name="WebhookConfigurations">ValidatingWebhookConfigurations in the cluster (0: no webhook).</param>
    public sealed record Figures(
        DiscoveryTicks Ticks,
        int Seed,
        int Requested,
        IReadOnlyList<Apply> Applies,
        Apply? Cold,
        double WindowSeconds,
        int DiscoveryRuns,
        int TicksInWindow,
        int DiscoveryStarts,
        int IssuancesStarted,
        int IssuedOnce,
        int IssuedMoreThanOnce,
        int WebhookConfigurations)
    {
        /// <summary>Measured Ingresses never issued.</summary>
        public int NeverIssued => Requested - IssuedOnce - IssuedMoreThanOnce;
    }

    public static async Task<Figures> MeasureAsync(int applies, DiscoveryTicks ticks, int seed, CancellationToken cancellationToken)
    {
        // The plain local world installs no admission webhook (WebhookWorld is the one that applies
        // infra/k8s/admission-webhook.yaml.template); discovery runs on its timer through the real flat setting, and the
        // renewal timer stays off so that nothing but discovery starts an issuance.
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["DiscoverySchedule"] = ticks.Cron,
            ["Local:RunDiscoveryTimer"] = "true",
            ["Local:RunRenewalTimer"] = "false",
        };
        await using var world = await LocalWorld.StartAsync(new LocalWorldOptions { Settings = settings });
        var api = world.Emulator.ApiClient;
        var host = world.Host!.Http;
        var configurations = await WebhookConfigurationsAsync(api, cancellationToken);
        if (configurations != 0)
        {
            throw new InvalidOperationException($"The cluster has {configurations} ValidatingWebhookConfiguration(s); this measurement needs none.");
        }

        var ns = await world.Emulator.CreateNamespaceAsync("bench-nowebhook", cancellationToken);
        var random = new Random(seed);

        // Stratified phases: one in each of `applies` equal slices of the period, in random order, so the wait for the
        // next tick is spread evenly over the whole period instead of clustering where a few random draws fall.
        var phases = Enumerable.Range(0, applies).OrderBy(_ => random.Next()).Select(slot => (slot + random.NextDouble()) / applies * ticks.PeriodSeconds).ToList();
        var cold = await ApplyAsync(world, ticks, ns, "warm-up", random.NextDouble() * ticks.PeriodSeconds, cancellationToken);
        Console.WriteLine(Invariant($"warm-up: {Describe(cold)}"));

        var before = await HostMetrics.ScrapeAsync(host, cancellationToken);
        var windowStart = DateTimeOffset.UtcNow;
        var measured = new List<Apply>();
        var names = new List<string>();
        for (var i = 0; i < applies; i++)
        {
            var name = Invariant($"shop-{i + 1:00}");
            names.Add(name);
            var apply = await ApplyAsync(world, ticks, ns, name, phases[i], cancellationToken);
            Console.WriteLine(Invariant($"apply {i + 1}/{applies}: {Describe(apply)}"));
            if (apply is not null)
            {
                measured.Add(apply);
            }
        }

        // Two more ticks: each Secret written makes the next run look at its Ingress again, which must start nothing.
        var settled = ticks.After(ticks.After(DateTimeOffset.UtcNow)) + TimeSpan.FromSeconds(3);
        await Task.Delay(settled - DateTimeOffset.UtcNow, cancellationToken);
        var after = await HostMetrics.ScrapeAsync(host, cancellationToken);
        var windowEnd = DateTimeOffset.UtcNow;

        var issued = await IssuedEvents.CountsAsync(api, ns, cancellationToken);
        const string discovery = "certfunctions_scan=\"discovery\"";
        int Delta(string metric, string label) => (int)(after.Sum(metric, label) - before.Sum(metric, label));
        return new Figures(
            ticks,
            seed,
            applies,
            measured,
            cold,
            (windowEnd - windowStart).TotalSeconds,
            Delta("certfunctions_scan_runs_total", discovery),
            ticks.Between(windowStart, windowEnd),
            Delta("certfunctions_scan_started_total", discovery),
            Delta("certfunctions_issuance_started_total", "certfunctions_reason=\"Discovered\""),
            names.Count(n => issued.GetValueOrDefault(n) == 1),
            names.Count(n => issued.GetValueOrDefault(n) > 1),
            configurations);
    }

    /// <summary>
    /// Waits until <paramref name="phaseSeconds"/> after a tick, applies Ingress <paramref name="name"/> with kubectl and
    /// polls its Secret; null when no Secret appeared within three periods and two minutes.
    /// </summary>
    private static async Task<Apply?> ApplyAsync(LocalWorld world, DiscoveryTicks ticks, string ns, string name, double phaseSeconds, CancellationToken cancellationToken)
    {
        var applyAt = ticks.NextAtPhase(DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(phaseSeconds));
        await Task.Delay(applyAt - DateTimeOffset.UtcNow, cancellationToken);
        applyAt = DateTimeOffset.UtcNow;
        await IngressSeeder.SeedAsync(world, name, [$"{name}.nowebhook.example.test"], inNamespace: ns);
        var returned = DateTimeOffset.UtcNow;

        DateTimeOffset? secretAt = null;
        var deadline = applyAt + (3 * ticks.Period) + TimeSpan.FromMinutes(2);
        while (DateTimeOffset.UtcNow < deadline)
        {
            using var secret = await world.Emulator.ApiClient.GetAsync($"/api/v1/namespaces/{ns}/secrets/{name}-tls", cancellationToken);
            if (secret.StatusCode == HttpStatusCode.OK)
            {
                secretAt = DateTimeOffset.UtcNow;
                break;
            }

            await Task.Delay(20, cancellationToken);
        }

        if (secretAt is null)
        {
            return null;
        }

        // The instance's creation time (the host's clock, which is this machine's): exact, where polling the operation
        // would add up to a poll interval and load the host for the whole wait.
        var id = new CertificateRef("default", ns, name).InstanceId;
        using var operation = await world.Host!.Http.GetAsync("api/certificates/operations/" + id, cancellationToken);
        operation.EnsureSuccessStatusCode();
        var createdAt = DateTimeOffset.Parse((string)JsonNode.Parse(await operation.Content.ReadAsStringAsync(cancellationToken))!["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture);

        // The run that started it began at the last tick before its creation (a run takes far less than a period).
        var tick = ticks.AtOrBefore(createdAt);
        var missed = tick > returned ? ticks.Between(returned, tick) - 1 : 0;
        double Ms(DateTimeOffset at) => (at - applyAt).TotalMilliseconds;
        return new Apply(name, phaseSeconds, Ms(returned), Ms(tick), Ms(createdAt), Ms(secretAt.Value), missed);
    }

    private static async Task<int> WebhookConfigurationsAsync(HttpClient api, CancellationToken cancellationToken)
    {
        var list = JsonNode.Parse(await api.GetStringAsync("/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations", cancellationToken))!;
        return list["items"]?.AsArray().Count ?? 0;
    }

    private static string Describe(Apply? apply) => apply is null
        ? "no Secret"
        : Invariant($"phase {apply.PhaseSeconds:F1} s, tick after {apply.ToTick / 1000:F1} s, start {apply.ToStart / 1000:F1} s, Secret {apply.ToSecret / 1000:F1} s, ticks missed {apply.TicksMissed}");
}
