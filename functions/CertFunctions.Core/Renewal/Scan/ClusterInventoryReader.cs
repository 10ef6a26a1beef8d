using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Gateways;
using CertFunctions.Core.Kubernetes.Listing;
using CertFunctions.Core.Kubernetes.Routing.HttpRoutes;
using CertFunctions.Core.Kubernetes.Secrets;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Renewal.Scan;

/// <summary>
/// Reads a cluster's <see cref="ClusterInventory"/>: one paged list of Ingresses and one of Gateways (through
/// <see cref="ObjectLists"/>), then our Secrets, listed by label only in the namespaces that have opted-in objects (or hold
/// a Gateway's Secret), so the app never needs to read every Secret in the cluster.
/// </summary>
public sealed class ClusterInventoryReader(
    IngressDiscovery discovery,
    ObjectLists lists,
    GatewayCertificatesReader gatewayReader,
    DeployedCertificateReader certificates,
    IOptions<GatewayRoutingOptions> gatewayRouting,
    IOptions<Challenges.ResponderOptions> responder)
{
    /// <summary>Most namespaces whose Secrets are listed at once.</summary>
    private const int NamespaceConcurrency = 8;

    /// <summary>Reads the inventory; a namespace whose Secrets cannot be listed is reported in it, not thrown.</summary>
    /// <remarks>Throws when the cluster's Ingresses cannot be listed at all.</remarks>
    public async Task<ClusterInventory> ReadAsync(string cluster, CancellationToken cancellationToken)
    {
        var specs = new List<IngressCertificateSpec>();
        var invalid = new List<DiscoveredIngress>();
        var withChallengePaths = new List<DiscoveredIngress>();
        await foreach (var found in discovery.ListAsync(cluster, cancellationToken).ConfigureAwait(false))
        {
            if (found.ChallengePaths.Count > 0)
            {
                withChallengePaths.Add(found);
            }

            if (!found.OptedIn)
            {
                continue;
            }

            if (found.Spec is null)
            {
                invalid.Add(found);
            }
            else
            {
                specs.Add(found.Spec);
            }
        }

        var (gateways, gatewayProblem) = await ReadGatewaysAsync(cluster, cancellationToken).ConfigureAwait(false);
        var managed = new ConcurrentDictionary<(string Namespace, string Name), DeployedCertificate>();
        var unreadable = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var namespaces = specs.Select(s => s.Certificate.Namespace)
            .Concat(gateways.SelectMany(g => g.Specs).Select(s => s.Certificate.SecretNamespace))
            .Distinct(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            namespaces,
            new ParallelOptions { MaxDegreeOfParallelism = NamespaceConcurrency, CancellationToken = cancellationToken },
            async (ns, ct) =>
            {
                try
                {
                    await foreach (var deployed in certificates.ListManagedAsync(cluster, ns, ct).ConfigureAwait(false))
                    {
                        managed[(deployed.Namespace, deployed.SecretName)] = deployed;
                    }
                }
                catch (PermanentKubernetesException ex)
                {
                    // Typically 403 where the app is granted Secrets namespace by namespace: say so, scan the others.
                    unreadable[ns] = ex.Message;
                }
            }).ConfigureAwait(false);

        return new ClusterInventory(cluster, specs, invalid, withChallengePaths, managed, unreadable, gateways, gatewayProblem);
    }

    /// <summary>
    /// The opted-in Gateways, from one paged list of whole Gateways (their listeners are needed, and a Gateway is small), with the
    /// ReferenceGrants of each namespace a certificateRef points into read once. A cluster without the Gateway API has none.
    /// </summary>
    private async Task<(List<ScannedGateway> Gateways, string? Problem)> ReadGatewaysAsync(string cluster, CancellationToken cancellationToken)
    {
        var found = new List<ScannedGateway>();
        var grants = new Dictionary<string, IReadOnlyList<JsonObject>>(StringComparer.Ordinal);
        try
        {
            await foreach (var listed in lists.ListAsync(cluster, ListedKind.Gateways, ListShape.Full, null, null, null, cancellationToken).ConfigureAwait(false))
            {
                if (!IngressAnnotationParser.IsOptedIn(listed.Metadata.Annotations))
                {
                    continue;
                }

                var gateway = CertificateRef.ForGateway(cluster, listed.Metadata.NamespaceProperty, listed.Metadata.Name);
                var read = await GatewayCertificatesReader.FromObjectAsync(gateway, (JsonObject)listed.Body, async ns =>
                {
                    if (!grants.TryGetValue(ns, out var inNamespace))
                    {
                        inNamespace = grants[ns] = await gatewayReader.ListGrantsAsync(cluster, ns, cancellationToken).ConfigureAwait(false);
                    }

                    return inNamespace;
                }).ConfigureAwait(false);
                found.Add(ScannedGateway.From(read, gatewayRouting.Value.GatewayRouting, responder.Value.RequireKnownHost));
            }

            return (found, null);
        }
        catch (KubernetesApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // The Gateway API is not installed in this cluster: nothing to scan, nothing wrong.
            return ([], null);
        }
        catch (PermanentKubernetesException ex)
        {
            // Typically 403 where the app is not granted Gateways: the Ingresses are still scanned, and the problem is said.
            return ([], ex.Message);
        }
    }
}
