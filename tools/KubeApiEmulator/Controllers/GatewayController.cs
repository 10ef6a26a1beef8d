using System.Globalization;
using System.Text.Json.Nodes;
using KubeApiEmulator.Discovery;
using KubeApiEmulator.Objects;
using KubeApiEmulator.Options;
using KubeApiEmulator.Routing.Gateway;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Controllers;

/// <summary>
/// The Gateway controller of the emulator: after every change to the objects it reads it binds the listener ports
/// it needs and writes GatewayClass, Gateway and HTTPRoute status as a conformant implementation does.
/// </summary>
internal sealed partial class GatewayController(
    ObjectStore store,
    GatewayModelSource models,
    ListenerPortServers servers,
    EmulatorOptions options,
    TimeProvider time,
    ILogger<GatewayController> logger) : BackgroundService
{
    private static readonly ResourceType[] Watched =
    [
        ResourceCatalog.GatewayClasses, ResourceCatalog.Gateways, ResourceCatalog.HttpRoutes, ResourceCatalog.ReferenceGrants,
        ResourceCatalog.Namespaces, ResourceCatalog.Services, ResourceCatalog.Secrets,
    ];

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: the first pass (and any listener port binding) runs after the emulator is ready.
        await Task.Yield();
        List<WatchSubscription> subscriptions;
        lock (store.Gate)
        {
            subscriptions = [.. Watched.Select(w => store.Subscribe(w.StorageName, store.CurrentResourceVersion, _ => true))];
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await ReconcileAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is InvalidOperationException or IOException or FormatException or System.Text.Json.JsonException)
                {
                    // A controller bug must not take the API server down; the next change retries.
                    LogReconcileFailed(logger, ex);
                }

                await Task.WhenAny(subscriptions.Select(s => s.Events.WaitToReadAsync(stoppingToken).AsTask())).ConfigureAwait(false);
                foreach (var subscription in subscriptions)
                {
                    while (subscription.Events.TryRead(out _))
                    {
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            foreach (var subscription in subscriptions)
            {
                store.Unsubscribe(subscription);
            }

            await servers.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        var model = models.Current();
        var plan = ListenerPortPlan.For(model, options.GatewayFrontListenerPort);
        await servers.EnsureAsync(plan.Ports, cancellationToken).ConfigureAwait(false);
        var failures = servers.Failures;
        string? PortProblem(ListenerState listener) => plan.Refusal(listener) ?? failures.GetValueOrDefault(listener.Port);
        var now = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        foreach (var gatewayClass in model.Classes)
        {
            WriteStatus(ResourceCatalog.GatewayClasses, gatewayClass, _ => GatewayStatuses.ForClass(gatewayClass, now));
        }

        foreach (var gateway in model.Gateways)
        {
            WriteStatus(ResourceCatalog.Gateways, gateway.Object, _ => GatewayStatuses.ForGateway(gateway, PortProblem, now));
        }

        foreach (var route in model.Routes)
        {
            WriteStatus(ResourceCatalog.HttpRoutes, route.Object, _ => GatewayStatuses.ForRoute(route, models.ControllerNames, now));
        }

        ReleaseDetachedRoutes(model);
    }

    private void ReleaseDetachedRoutes(GatewayModel model)
    {
        var handled = model.Routes.Select(r => r.Namespace + "/" + r.Name).ToHashSet(StringComparer.Ordinal);
        List<JsonObject> detached;
        lock (store.Gate)
        {
            detached = [.. store.Range(ResourceCatalog.HttpRoutes.StorageName, null, null)
                .Where(r => !handled.Contains(r.Key))
                .Select(r => r.ToNode())
                .Where(r => (r.Get("status", "parents") as JsonArray ?? []).Any(p => models.ControllerNames.Contains(p.GetString("controllerName") ?? string.Empty)))];
        }

        foreach (var route in detached)
        {
            WriteStatus(ResourceCatalog.HttpRoutes, route, current => GatewayStatuses.WithoutOwnParents(current, models.ControllerNames));
        }
    }

    private void WriteStatus(ResourceType type, JsonObject seen, Func<JsonObject, JsonObject> status)
    {
        lock (store.Gate)
        {
            var key = StorageKeys.For(seen.GetString("metadata", "namespace"), seen.GetString("metadata", "name") ?? string.Empty);
            var stored = store.Get(type.StorageName, key);

            // Only the object the model was built from: a newer generation gets its own pass after its change event.
            if (stored is null || stored.Uid != seen.GetString("metadata", "uid"))
            {
                return;
            }

            var current = stored.ToNode();
            var next = status(current);
            if (JsonNode.DeepEquals(current["status"], next))
            {
                return;
            }

            current["status"] = next;
            store.Put(type.StorageName, ObjectShape.For(type, current), "MODIFIED");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "gateway controller pass failed")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception);
}
