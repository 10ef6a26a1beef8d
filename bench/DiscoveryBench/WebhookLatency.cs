using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CertFunctions.Core.Certificates;
using CertFunctions.Testing.LocalWorld;
using static System.FormattableString;

namespace DiscoveryBench;

/// <summary>
/// The admission webhook in the local world (real emulator calling the real local host over HTTPS, real Pebble, Azurite):
/// kubectl apply to issuance start and to Secret, the webhook's own answer time, and a burst of writes.
/// </summary>
internal static class WebhookLatency
{
    /// <summary>Figures of one measurement, in milliseconds.</summary>
    public sealed record Figures(
        IReadOnlyList<double> ApplyToStart,
        IReadOnlyList<double> ApplyToSecret,
        IReadOnlyList<double> AnswerIgnored,
        IReadOnlyList<double> AnswerRecorded,
        int BurstWrites,
        int BurstIngresses,
        double BurstSeconds,
        int BurstStarted,
        int BurstIssuedOnce,
        int BurstIssuedMoreThanOnce,
        IReadOnlyList<double> KubectlReturned,
        IReadOnlyList<(string Step, double MedianMs, int Seen)> Steps,
        double? ColdApplyToStart,
        double? ColdApplyToSecret,
        int BurstRetriedWrites);

    private static double Median(List<double> values) => values.Count == 0 ? double.NaN : values.Order().ElementAt(values.Count / 2);

    public static async Task<Figures> MeasureAsync(int applies, int burstWrites, CancellationToken cancellationToken)
    {
        await using var world = await WebhookWorld.StartAsync();
        var local = world.World;
        var api = local.Emulator.ApiClient;
        var host = local.Host!.Http;

        // 1. kubectl apply of a new opted-in Ingress -> the orchestration exists -> the Secret exists, with the split: when
        // kubectl returned, when the instance appeared, and when each progress step was first seen (operation polled every 20 ms).
        // The first apply (cold JIT, first task hub work items) is measured apart and left out of the percentiles.
        var toStart = new List<double>();
        var toSecret = new List<double>();
        var kubectlReturned = new List<double>();
        var steps = new List<IReadOnlyList<(string Step, double At)>>();
        double? coldStart = null, coldSecret = null;
        for (var i = 0; i <= applies; i++)
        {
            var ns = await local.Emulator.CreateNamespaceAsync("bench-apply", cancellationToken);
            var id = new CertificateRef("default", ns, "shop").InstanceId;
            var started = Stopwatch.StartNew();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var timeline = PollStepsAsync(host, id, started, stop.Token);
            await IngressSeeder.SeedAsync(local, "shop", [$"shop-{i}.bench.example.test"], inNamespace: ns);
            var applied = started.Elapsed.TotalMilliseconds;
            double? secretAt = null;
            while (started.Elapsed < TimeSpan.FromSeconds(120))
            {
                using var secret = await api.GetAsync($"/api/v1/namespaces/{ns}/secrets/shop-tls", cancellationToken);
                if (secret.StatusCode == HttpStatusCode.OK)
                {
                    secretAt = started.Elapsed.TotalMilliseconds;
                    break;
                }

                await Task.Delay(20, cancellationToken);
            }

            await stop.CancelAsync();
            var seen = await timeline;
            if (secretAt is null || seen.Count == 0)
            {
                continue;
            }

            var startAt = seen[0].At;
            if (i == 0)
            {
                (coldStart, coldSecret) = (startAt, secretAt);
                continue;
            }

            kubectlReturned.Add(applied);
            toStart.Add(startAt);
            toSecret.Add(secretAt.Value);
            steps.Add([.. seen, ("Secret seen", secretAt.Value)]);
        }

        // 2. The webhook's answer time, called as the API server calls it (HTTPS, an AdmissionReview).
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        using var webhook = new HttpClient(handler) { BaseAddress = world.HttpsUri };
        var path = $"/api/admission/default/{world.Secret}?timeout=5s";
        var ignored = new List<double>();
        var recorded = new List<double>();
        var answerNs = await local.Emulator.CreateNamespaceAsync("bench-answer", cancellationToken);
        for (var i = 0; i < 600; i++)
        {
            var optIn = i % 2 == 1;
            var review = Review(answerNs, $"answer-{i}", optIn);
            var watch = Stopwatch.StartNew();
            using var response = await webhook.PostAsync(path, new StringContent(review, Encoding.UTF8, "application/json"), cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            watch.Stop();
            if (i >= 100)
            {
                (optIn ? recorded : ignored).Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        Console.WriteLine(Invariant($"applies: start p50 {Median(toStart):F0} ms, Secret p50 {Median(toSecret):F0} ms; answers: ignored p50 {Median(ignored):F0} ms, recorded p50 {Median(recorded):F0} ms"));

        // 3. A burst of writes through the API server: creates, then spec updates of the same Ingresses, 16 at a time.
        var retried = 0;
        if (burstWrites <= 0)
        {
            return new Figures(toStart, toSecret, ignored, recorded, 0, 0, 0, 0, 0, 0, kubectlReturned, StepMedians(steps), coldStart, coldSecret, 0);
        }

        var burstNs = await local.Emulator.CreateNamespaceAsync("bench-burst", cancellationToken);
        var ingresses = Math.Max(1, burstWrites / 5);
        var burst = Stopwatch.StartNew();
        var writes = Enumerable.Range(0, burstWrites).Select(w => (Ingress: w % ingresses, Round: w / ingresses)).OrderBy(w => w.Round).ToList();
        foreach (var round in writes.GroupBy(w => w.Round))
        {
            await Parallel.ForEachAsync(round, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (w, ct) =>
            {
                var name = $"burst-{w.Ingress:0000}";
                var body = IngressJson(burstNs, name, $"{name}.burst.example.test", w.Round);
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        using var response = w.Round == 0
                            ? await api.PostAsync($"/apis/networking.k8s.io/v1/namespaces/{burstNs}/ingresses", new StringContent(body, Encoding.UTF8, "application/json"), ct)
                            : await api.PutAsync($"/apis/networking.k8s.io/v1/namespaces/{burstNs}/ingresses/{name}", new StringContent(body, Encoding.UTF8, "application/json"), ct);

                        // A create retried after a lost answer finds the object the first attempt stored.
                        if (!(attempt > 1 && w.Round == 0 && response.StatusCode == HttpStatusCode.Conflict))
                        {
                            response.EnsureSuccessStatusCode();
                        }

                        break;
                    }
                    catch (HttpRequestException) when (attempt < 3)
                    {
                        // A pooled connection closed under load ("response ended prematurely"): send the write again.
                        Interlocked.Increment(ref retried);
                    }
                }
            });
        }

        burst.Stop();

        // Every Ingress must get exactly one certificate: one CertificateIssued Event with count 1, one Secret.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        var startedCount = 0;
        Dictionary<string, int> issued = [];
        while (DateTime.UtcNow < deadline)
        {
            issued = await IssuedEvents.CountsAsync(api, burstNs, cancellationToken);
            if (issued.Count >= ingresses)
            {
                break;
            }

            await Task.Delay(1000, cancellationToken);
        }

        for (var i = 0; i < ingresses; i++)
        {
            using var operation = await host.GetAsync("api/certificates/operations/" + new CertificateRef("default", burstNs, $"burst-{i:0000}").InstanceId, cancellationToken);
            startedCount += operation.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        return new Figures(toStart, toSecret, ignored, recorded, burstWrites, ingresses, burst.Elapsed.TotalSeconds, startedCount,
            issued.Values.Count(c => c == 1), issued.Values.Count(c => c > 1), kubectlReturned, StepMedians(steps), coldStart, coldSecret, retried);
    }

    /// <summary>Until cancelled: when the instance first answered, and when each later progress step (or status) was first seen.</summary>
    private static async Task<IReadOnlyList<(string Step, double At)>> PollStepsAsync(HttpClient host, string id, Stopwatch clock, CancellationToken cancellationToken)
    {
        var seen = new List<(string Step, double At)>();
        try
        {
            while (true)
            {
                using var response = await host.GetAsync("api/certificates/operations/" + id, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
                    var step = seen.Count == 0 ? "Instance created" : json["progress"]?["step"]?.ToString() ?? (string?)json["status"] ?? "?";
                    if (seen.Count == 0 || seen[^1].Step != step)
                    {
                        seen.Add((step, clock.Elapsed.TotalMilliseconds));
                    }
                }

                await Task.Delay(20, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            return seen;
        }
    }

    /// <summary>Per step in order of first appearance: the median time from its first sighting to the next one's, and in how many runs it was seen.</summary>
    private static IReadOnlyList<(string Step, double MedianMs, int Seen)> StepMedians(IReadOnlyList<IReadOnlyList<(string Step, double At)>> runs)
    {
        var order = new List<string>();
        var durations = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            for (var i = 0; i + 1 < run.Count; i++)
            {
                if (!durations.TryGetValue(run[i].Step, out var list))
                {
                    durations[run[i].Step] = list = [];
                    order.Add(run[i].Step);
                }

                list.Add(run[i + 1].At - run[i].At);
            }
        }

        return [.. order.Select(step => (step, durations[step].Order().ElementAt(durations[step].Count / 2), durations[step].Count))];
    }

    private static string IngressJson(string ns, string name, string host, int round) => new JsonObject
    {
        ["apiVersion"] = "networking.k8s.io/v1",
        ["kind"] = "Ingress",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["annotations"] = new JsonObject { ["certfunctions.io/enabled"] = "true" },
        },
        ["spec"] = new JsonObject
        {
            ["ingressClassName"] = "nginx",
            ["rules"] = new JsonArray(new JsonObject
            {
                ["host"] = host,
                ["http"] = new JsonObject
                {
                    ["paths"] = new JsonArray(new JsonObject
                    {
                        ["path"] = "/r" + round,
                        ["pathType"] = "Prefix",
                        ["backend"] = new JsonObject { ["service"] = new JsonObject { ["name"] = "web", ["port"] = new JsonObject { ["number"] = 80 } } },
                    }),
                },
            }),
        },
    }.ToJsonString();

    private static string Review(string ns, string name, bool optIn) => new JsonObject
    {
        ["apiVersion"] = "admission.k8s.io/v1",
        ["kind"] = "AdmissionReview",
        ["request"] = new JsonObject
        {
            ["uid"] = Guid.NewGuid().ToString(),
            ["kind"] = new JsonObject { ["group"] = "networking.k8s.io", ["version"] = "v1", ["kind"] = "Ingress" },
            ["operation"] = "CREATE",
            ["namespace"] = ns,
            ["name"] = name,
            ["dryRun"] = false,
            ["object"] = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["namespace"] = ns,
                    ["uid"] = Guid.NewGuid().ToString(),
                    ["generation"] = 1,
                    ["annotations"] = optIn ? new JsonObject { ["certfunctions.io/enabled"] = "true" } : new JsonObject(),
                },
            },
        },
    }.ToJsonString();
}
