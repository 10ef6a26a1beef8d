using System.Net;
using System.Text.Json.Nodes;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Gateways;
using CertFunctions.Core.Kubernetes.Listing;
using k8s;
using k8s.Models;

namespace CertFunctions.Core.Kubernetes.Routing.HttpRoutes;

/// <summary>
/// Finds and removes the solver HTTPRoutes of a cluster by our labels, as the renewal scan's leftover sweep does for solver
/// Ingresses: a route whose run ended without removing it would otherwise stay attached to the user's Gateway.
/// </summary>
public sealed class SolverHttpRouteLeftovers(ObjectLists lists, IKubernetesClientProvider clients)
{
    private const string Selector = CertFunctionsLabels.ManagedSelector + "," + CertFunctionsLabels.Challenge + "=true";

    /// <summary>Every solver route of ours in <paramref name="cluster"/>; none where the Gateway API is not installed.</summary>
    public async Task<IReadOnlyList<LeftoverSolverRoute>> ListAllAsync(string cluster, CancellationToken cancellationToken)
    {
        var found = new List<LeftoverSolverRoute>();
        try
        {
            await foreach (var route in lists.ListAsync(cluster, ListedKind.HttpRoutes, ListShape.Full, null, Selector, null, cancellationToken).ConfigureAwait(false))
            {
                var metadata = route.Metadata;
                if (!CertFunctionsLabels.IsManagedByUs(metadata.Labels)
                    || metadata.Labels?.TryGetValue(SolverHttpRouteBuilder.GatewayLabel, out var owner) != true)
                {
                    continue;
                }

                // Only a route named as a run of that Gateway names it (a long name's label is a hash, which names no Gateway).
                var gateway = CertificateRef.ForGateway(cluster, metadata.NamespaceProperty, owner!);
                if (!string.Equals(SolverHttpRouteBuilder.NameFor(gateway), metadata.Name, StringComparison.Ordinal))
                {
                    continue;
                }

                found.Add(new LeftoverSolverRoute(gateway, metadata.Name, metadata.Uid, TokensOf((JsonObject)route.Body)));
            }
        }
        catch (KubernetesApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // No Gateway API in this cluster: no routes.
        }

        return found;
    }

    /// <summary>Deletes the route only if it is still the object that was seen (same uid); true when deleted.</summary>
    public async Task<bool> DeleteExactAsync(LeftoverSolverRoute route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        var client = clients.GetClient(route.Gateway.Cluster);
        try
        {
            await KubernetesCall.RunAsync(
                () => client.CustomObjects.DeleteNamespacedCustomObjectAsync(
                    GatewayApi.Group,
                    GatewayApi.Version,
                    route.Gateway.Namespace,
                    GatewayApi.HttpRoutes,
                    route.Name,
                    new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = route.Uid } },
                    cancellationToken: cancellationToken),
                $"delete solver HTTPRoute {route.Gateway.Namespace}/{route.Name}",
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (KubernetesApiException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Gone already, or replaced by a newer run's route (another uid): not ours to remove.
            return false;
        }
    }

    private static List<string> TokensOf(JsonObject route) =>
        [.. (route["spec"]?["rules"] as JsonArray ?? [])
            .SelectMany(rule => rule?["matches"] as JsonArray ?? [])
            .Select(match => match?["path"]?["value"]?.GetValue<string>())
            .OfType<string>()
            .Where(path => path.StartsWith(ChallengePaths.Prefix, StringComparison.Ordinal))
            .Select(path => path[ChallengePaths.Prefix.Length..])];
}
