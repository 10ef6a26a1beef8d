using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Challenges;
using CertFunctions.Core.DependencyInjection;
using CertFunctions.Core.Http;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Orchestration;
using CertFunctions.Core.Orchestration.Activities;
using CertFunctions.Testing.LocalWorld;
using CertFunctions.Testing.Network;
using CertFunctions.Testing.Pebble;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Tests.Orchestration.World;

/// <summary>
/// The real orchestrator with the real activity classes over the real local world (Pebble behind a proxy that can
/// replace answers, the Kubernetes API emulator and its routing front, Azurite), with faults only at the I/O
/// boundaries: the CA's answers (<see cref="Ca"/>), the cluster's (a handler in the product's Kubernetes client) and
/// the responder's (<see cref="ResponderRefuses"/>). One world per test class; each run gets its own in-memory task
/// hub, container and namespace.
/// </summary>
public sealed class IssuanceWorld : IAsyncLifetime
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);
    private readonly ConcurrentQueue<string> _responderRequests = new();
    private WebApplication? _responder;
    private int _exchangesBefore;

    /// <summary>The local world, without the local host: the orchestration runs in this process.</summary>
    public LocalWorld World { get; private set; } = null!;

    /// <summary>The CA as the product sees it: Pebble through a proxy that can replace answers.</summary>
    public PebbleHoldingProxy Ca { get; private set; } = null!;

    /// <summary>When true for a challenge request, the responder answers 404 (a route not propagated yet, a path the CA cannot reach).</summary>
    public Func<HttpRequest, bool> ResponderRefuses { get; set; } = _ => false;

    /// <summary>Challenge requests the responder saw, as "self-check 200", "ca 404" and so on, in order.</summary>
    public IReadOnlyList<string> ResponderRequests => [.. _responderRequests];

    /// <summary>Whether a challenge request comes from the product's self-check (rather than the CA).</summary>
    public static bool IsSelfCheck(HttpRequest request)
        => request.Headers.UserAgent.ToString().StartsWith("CertFunctions-SelfCheck", StringComparison.Ordinal);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        // These tests count the round trips the orchestrator makes; Pebble's random badNonce (which the ACME client
        // retries, proved in the Acme and end-to-end tests) would now and then add an activity retry to the count.
        World = await LocalWorld.StartAsync(new LocalWorldOptions { StartHost = false, Pebble = PebbleOptions.Default with { NonceRejectPercent = 0 } });
        Ca = await PebbleHoldingProxy.StartAsync(World.Pebble, FreePort.Next());

        // The responder the challenge Services point at (the local host's port): the product's endpoint over the same storage.
        var port = int.Parse(World.HostSettings["Challenge:ResponderServicePort"], System.Globalization.CultureInfo.InvariantCulture);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddConfiguration(Configuration(null));
        builder.Services.AddCertFunctionsCore(builder.Configuration);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        _responder = builder.Build();
        _responder.MapGet("/" + ChallengeEndpoint.Route, async (HttpContext context, string token, ChallengeEndpoint endpoint) =>
        {
            var who = IsSelfCheck(context.Request) ? "self-check" : "ca";
            if (ResponderRefuses(context.Request))
            {
                _responderRequests.Enqueue(who + " 404");
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await endpoint.HandleAsync(context, token);
            _responderRequests.Enqueue($"{who} {context.Response.StatusCode}");
        });
        await _responder.StartAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_responder is not null)
        {
            await _responder.DisposeAsync();
        }

        if (Ca is not null)
        {
            await Ca.DisposeAsync();
        }

        if (World is not null)
        {
            await World.DisposeAsync();
        }

    }

    /// <summary>Seeds an opted-in Ingress for <paramref name="hosts"/> in a fresh namespace; returns its reference.</summary>
    public async Task<CertificateRef> SeedIngressAsync(string name, params string[] hosts)
    {
        var ns = await IngressSeeder.SeedAsync(World, name, hosts, namespacePrefix: "orch");
        return new CertificateRef("default", ns, name);
    }

    /// <summary>
    /// Runs one issuance to its end with the real activities, the world's settings plus <paramref name="settings"/>,
    /// and <paramref name="kubernetesFault"/> (request, body → status to answer instead) in the product's cluster client;
    /// <paramref name="log"/> lets a fault rule see how far the run is; <paramref name="afterStart"/> acts on the
    /// instance (client, instance id) right after it was scheduled, as a second caller would.
    /// </summary>
    public async Task<IssuanceRunRecord> RunAsync(
        IssueCertificateRequest request,
        IReadOnlyDictionary<string, string>? settings = null,
        Func<HttpRequestMessage, string, HttpStatusCode?>? kubernetesFault = null,
        IssuanceDispatchLog? log = null,
        Func<Microsoft.DurableTask.Client.DurableTaskClient, string, Task>? afterStart = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        log ??= new IssuanceDispatchLog();
        var faults = new KubernetesFaultHandler(kubernetesFault ?? ((_, _) => null));
        using var provider = new FaultingKubernetesClientProvider(World.HostSettings["Kubernetes:Clusters:default:KubeconfigPath"], faults);
        var configuration = Configuration(settings);
        var host = await OrchestrationTestHost.StartAsync(
            registry =>
            {
                registry.AddOrchestrator<IssueCertificateOrchestrator>();
                foreach (var (name, type) in CertFunctionsServiceCollectionExtensions.ActivityTypes)
                {
                    registry.AddActivity(name, services => new RecordingActivity(name, (ITaskActivity)services.GetRequiredService(type), log));
                }

                // Queueing starts delivery orchestrations through the host's client: here a gateway at that boundary records them.
                registry.AddActivity(QueueNotificationsActivity.Name, services => new RecordingActivity(
                    QueueNotificationsActivity.Name,
                    new QueueNotificationsActivity(services.GetRequiredService<Core.Notifications.NotificationDispatcher>(), NotificationStarts),
                    log));
            },
            services =>
            {
                // As in a real host, the container's configuration is the app's settings (storage connections are read from it).
                services.AddSingleton(configuration);
                services.AddCertFunctionsCore(configuration);
                services.Replace(ServiceDescriptor.Singleton<IKubernetesClientProvider>(provider));
            });
        await using (host)
        {
            var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(IssueCertificateOrchestrator.Name, request);
            if (afterStart is not null)
            {
                await afterStart(host.Client, id);
            }

            using var timeout = new CancellationTokenSource(RunTimeout);
            var state = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
            return new IssuanceRunRecord(state, log.Dispatched, [.. faults.Faulted]);
        }
    }

    /// <summary>Reads one object as JSON with the real kubectl, or null when it does not exist.</summary>
    public async Task<JsonNode?> GetAsync(string ns, string kind, string name)
    {
        var result = await World.Emulator.RunKubectlAsync("get", kind, name, "-n", ns, "-o", "json");
        return result.ExitCode == 0 ? JsonNode.Parse(result.StandardOutput) : null;
    }

    /// <summary>The Events in <paramref name="ns"/> as (type, reason, message).</summary>
    public async Task<IReadOnlyList<(string Type, string Reason, string Message)>> EventsAsync(string ns)
    {
        var result = await World.Emulator.RunKubectlAsync("get", "events", "-n", ns, "-o", "json");
        Assert.True(result.ExitCode == 0, result.StandardError);
        return [.. JsonNode.Parse(result.StandardOutput)!["items"]!.AsArray().Select(e =>
            (e!["type"]!.GetValue<string>(), e["reason"]!.GetValue<string>(), e["message"]!.GetValue<string>()))];
    }

    /// <summary>The notification deliveries runs of this world queued.</summary>
    internal CertFunctions.Core.Tests.Renewal.ScanTestGateway NotificationStarts { get; } = new();

    /// <summary>The CA exchanges since the last <see cref="Reset"/>.</summary>
    public IReadOnlyList<PebbleExchange> CaExchanges => [.. Ca.Exchanges.Skip(_exchangesBefore)];

    /// <summary>The challenge tokens published in storage now.</summary>
    public Task<HashSet<string>> PublishedTokensAsync()
        => _responder!.Services.GetRequiredService<ChallengeTokenStore>().ListTokensAsync(CancellationToken.None);

    /// <summary>Forgets the previous test's fault rules and records (a class's tests run one after another).</summary>
    public void Reset()
    {
        ResponderRefuses = _ => false;
        _responderRequests.Clear();
        Ca.ReplaceAnswers(_ => null);
        _exchangesBefore = Ca.Exchanges.Count;
    }

    private IConfiguration Configuration(IReadOnlyDictionary<string, string>? overrides)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in World.HostSettings)
        {
            values[key] = value;
        }

        values["Acme:DirectoryUrl"] = Ca.DirectoryUri.AbsoluteUri;
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
