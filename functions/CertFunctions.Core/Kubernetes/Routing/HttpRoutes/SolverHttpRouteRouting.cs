using System.Net;
using System.Text.Json.Nodes;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Gateways;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Kubernetes.Routing.HttpRoutes;

/// <summary>
/// Routes a Gateway's challenges through a solver HTTPRoute of ours: creates it, waits until the Gateway's controller
/// accepts it, and deletes exactly it afterwards (or every one labelled for the Gateway, for leftovers).
/// </summary>
public sealed class SolverHttpRouteRouting(
    IKubernetesClientProvider clients,
    IOptions<GatewayRoutingOptions> options,
    ResponderServiceProvisioner responders,
    TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private readonly GatewayRoutingOptions _options = options.Value;

    /// <summary>
    /// Creates (or replaces) the solver route for <paramref name="hosts"/> and <paramref name="tokens"/>, attached to the HTTP
    /// listeners on port 80 that accept the hosts. Safe to run twice: the second run keeps the route when it is the same, else replaces it.
    /// </summary>
    public async Task<PresentedHttpRoute> PresentAsync(
        CertificateRef gateway,
        IReadOnlyList<GatewayListener> listeners,
        IReadOnlyList<string> hosts,
        IReadOnlyList<string> tokens,
        GatewayRouting strategy,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var sections = HttpRouteParents.Choose(gateway, listeners, hosts);
        var target = await TargetAsync(gateway, strategy, cancellationToken).ConfigureAwait(false);
        var desired = SolverHttpRouteBuilder.Build(gateway, sections, hosts, tokens, target);
        var name = SolverHttpRouteBuilder.NameFor(gateway);
        var client = clients.GetClient(gateway.Cluster);
        JsonObject written;
        try
        {
            written = GatewayCertificatesReader.ToObject(await KubernetesCall.RunAsync(
                () => client.CustomObjects.CreateNamespacedCustomObjectAsync(desired, GatewayApi.Group, GatewayApi.Version, gateway.Namespace, GatewayApi.HttpRoutes, cancellationToken: cancellationToken),
                $"create solver HTTPRoute {gateway.Namespace}/{name}",
                cancellationToken).ConfigureAwait(false));
        }
        catch (KubernetesOperationException ex) when (KubernetesCall.StatusOf(ex) == HttpStatusCode.Conflict)
        {
            written = await ReplaceAsync(client, gateway, desired, cancellationToken).ConfigureAwait(false);
        }

        var metadata = written["metadata"] as JsonObject;
        return new PresentedHttpRoute(gateway, name, (string?)metadata?["uid"], GenerationOf(written), sections, strategy, [.. tokens]);
    }

    /// <summary>
    /// Waits until the Gateway's controller reports <c>Accepted=True</c> on every listener the route attaches to, for
    /// the route's current generation; throws <see cref="RouteNotAcceptedException"/> with the controller's reason when it
    /// refuses, or when it says nothing within <c>Challenge:RouteAcceptTimeout</c>.
    /// </summary>
    public async Task WaitUntilAcceptedAsync(PresentedHttpRoute route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        var client = clients.GetClient(route.Gateway.Cluster);
        var deadline = time.GetUtcNow() + _options.RouteAcceptTimeout;
        while (true)
        {
            var found = await ReadAsync(client, route.Gateway.Namespace, route.Name, cancellationToken).ConfigureAwait(false)
                ?? throw new RouteNotAcceptedException($"Solver HTTPRoute {route.Gateway.Namespace}/{route.Name} was deleted while waiting for the Gateway's controller to accept it.", null);
            var verdict = RouteAcceptance.Judge(found, route.Gateway.Name, route.Sections);
            if (verdict.Accepted)
            {
                return;
            }

            if (verdict.RefusedReason is { } reason)
            {
                throw new RouteNotAcceptedException(
                    $"The Gateway's controller did not accept solver HTTPRoute {route.Gateway.Namespace}/{route.Name}: {reason} ({verdict.RefusedMessage}). " +
                    "The CA was not asked to validate. Check the Gateway's HTTP listeners (allowedRoutes, hostname) on port 80.",
                    reason);
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new RouteNotAcceptedException(
                    $"The Gateway's controller did not report on solver HTTPRoute {route.Gateway.Namespace}/{route.Name} within {_options.RouteAcceptTimeout}" +
                    (verdict.PendingReason is null ? string.Empty : $" (last condition: {verdict.PendingReason})") +
                    ". The CA was not asked to validate. Check that the controller of the Gateway's class is running (Challenge:RouteAcceptTimeout sets the wait).",
                    verdict.PendingReason);
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the route if it is still the one presented (same uid); true when deleted. Safe to run twice.</summary>
    public async Task<bool> RemoveAsync(PresentedHttpRoute route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        return await DeleteAsync(clients.GetClient(route.Gateway.Cluster), route.Gateway.Namespace, route.Name, route.Uid, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes every solver route labelled for <paramref name="gateway"/> (an interrupted run's leftovers); returns how many.</summary>
    public async Task<int> RemoveAllAsync(CertificateRef gateway, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var client = clients.GetClient(gateway.Cluster);
        var list = GatewayCertificatesReader.ToObject(await KubernetesCall.RunAsync(
            () => client.CustomObjects.ListNamespacedCustomObjectAsync(
                GatewayApi.Group, GatewayApi.Version, gateway.Namespace, GatewayApi.HttpRoutes, labelSelector: SolverHttpRouteBuilder.ChallengeSelector(gateway), cancellationToken: cancellationToken),
            $"list solver HTTPRoutes in {gateway.Namespace}",
            cancellationToken).ConfigureAwait(false));
        var deleted = 0;
        foreach (var route in (list["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var metadata = route["metadata"] as JsonObject;
            var labels = (metadata?["labels"] as JsonObject)?.ToDictionary(p => p.Key, p => (string?)p.Value ?? string.Empty, StringComparer.Ordinal);
            if (!CertFunctionsLabels.IsManagedByUs(labels))
            {
                continue;
            }

            if (await DeleteAsync(client, gateway.Namespace, (string)metadata!["name"]!, (string?)metadata["uid"], cancellationToken).ConfigureAwait(false))
            {
                deleted++;
            }
        }

        return deleted;
    }

    private static long GenerationOf(JsonObject route) =>
        route["metadata"]?["generation"] is JsonValue value && value.TryGetValue<long>(out var generation) ? generation : 1;

    private static async Task<JsonObject?> ReadAsync(IKubernetes client, string @namespace, string name, CancellationToken cancellationToken)
    {
        var found = await KubernetesCall.RunOrNullAsync(
            () => client.CustomObjects.GetNamespacedCustomObjectAsync(GatewayApi.Group, GatewayApi.Version, @namespace, GatewayApi.HttpRoutes, name, cancellationToken),
            $"read solver HTTPRoute {@namespace}/{name}",
            cancellationToken).ConfigureAwait(false);
        return found is null ? null : GatewayCertificatesReader.ToObject(found);
    }

    /// <summary>
    /// An earlier attempt's route is in the way (a crash, a retried activity): delete exactly it (by uid) and create ours
    /// again. Deleting rather than updating keeps the verbs the app needs on HTTPRoutes to create, get, list and delete.
    /// </summary>
    private static async Task<JsonObject> ReplaceAsync(IKubernetes client, CertificateRef gateway, JsonObject desired, CancellationToken cancellationToken)
    {
        var name = SolverHttpRouteBuilder.NameFor(gateway);
        var existing = await ReadAsync(client, gateway.Namespace, name, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            var labels = (existing["metadata"]?["labels"] as JsonObject)?.ToDictionary(p => p.Key, p => (string?)p.Value ?? string.Empty, StringComparer.Ordinal);
            if (!CertFunctionsLabels.IsManagedByUs(labels))
            {
                throw new InvalidGatewayConfigurationException(
                    $"HTTPRoute {gateway.Namespace}/{name} exists and is not ours (no {CertFunctionsLabels.ManagedBy}={CertFunctionsLabels.ManagedByValue} label); " +
                    "it was left alone. Rename or remove it so the challenge can be routed.");
            }

            if (JsonNode.DeepEquals(existing["spec"], desired["spec"]))
            {
                // The same route from an earlier attempt of this step: keep it (and the controller's acceptance of it).
                return existing;
            }

            await DeleteAsync(client, gateway.Namespace, name, (string?)existing["metadata"]?["uid"], cancellationToken).ConfigureAwait(false);
        }

        // A concurrent writer that created it again makes this a 409, which the activity's retry policy treats as transient.
        return GatewayCertificatesReader.ToObject(await KubernetesCall.RunAsync(
            () => client.CustomObjects.CreateNamespacedCustomObjectAsync(desired, GatewayApi.Group, GatewayApi.Version, gateway.Namespace, GatewayApi.HttpRoutes, cancellationToken: cancellationToken),
            $"create solver HTTPRoute {gateway.Namespace}/{name}",
            cancellationToken).ConfigureAwait(false));
    }

    private static async Task<bool> DeleteAsync(IKubernetes client, string @namespace, string name, string? uid, CancellationToken cancellationToken)
    {
        try
        {
            await KubernetesCall.RunAsync(
                () => client.CustomObjects.DeleteNamespacedCustomObjectAsync(
                    GatewayApi.Group,
                    GatewayApi.Version,
                    @namespace,
                    GatewayApi.HttpRoutes,
                    name,
                    new V1DeleteOptions { Preconditions = uid is null ? null : new V1Preconditions { Uid = uid } },
                    cancellationToken: cancellationToken),
                $"delete solver HTTPRoute {@namespace}/{name}",
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (KubernetesOperationException ex) when (KubernetesCall.StatusOf(ex) is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Gone already, or replaced by a later run's route (another uid), which is not ours to remove.
            return false;
        }
    }

    private async Task<SolverHttpRouteTarget> TargetAsync(CertificateRef gateway, GatewayRouting strategy, CancellationToken cancellationToken)
    {
        if (strategy == GatewayRouting.Redirect)
        {
            var url = _options.ResolveResponderUrl(Environment.GetEnvironmentVariable("WEBSITE_HOSTNAME"))
                ?? throw new InvalidGatewayConfigurationException(
                    "The Redirect strategy needs the responder's public URL: set Challenge:ResponderUrl (in Azure, WEBSITE_HOSTNAME provides it). Nothing was changed.");
            if (RedirectTargetRules.Check(url, _options.AllowAnyRedirectTarget) is { Count: > 0 } problems)
            {
                throw new InvalidGatewayConfigurationException($"Challenge:ResponderUrl cannot be a redirect target: {string.Join("; ", problems)}. Nothing was changed.");
            }

            return SolverHttpRouteTarget.Redirect(url);
        }

        var responder = await responders.EnsureAsync(gateway.Cluster, gateway.Namespace, cancellationToken).ConfigureAwait(false);
        return SolverHttpRouteTarget.Backend(responder.Name, responder.Port, responder.ExternalName);
    }
}
