using System.Runtime.CompilerServices;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Routing;
using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Kubernetes.Discovery;

/// <summary>Lists the Ingresses of a cluster (all namespaces, in pages) that opted in to CertFunctions or carry its challenge paths.</summary>
public sealed class IngressDiscovery(
    IKubernetesClientProvider clients,
    Listing.ObjectLists lists,
    IOptions<ChallengeRoutingOptions> routing,
    IOptions<Challenges.ResponderOptions> responder,
    Issuers.AcmeIssuerCatalog issuers,
    ILogger<IngressDiscovery> logger)
{
    /// <summary>Page size of the Ingress list calls.</summary>
    public const int PageSize = Listing.ObjectLists.PageSize;

    private readonly IKubernetesClientProvider _clients = clients;
    private readonly ChallengeRoutingOptions _routing = routing.Value;
    private readonly bool _requireKnownHost = responder.Value.RequireKnownHost;
    private readonly ILogger<IngressDiscovery> _logger = logger;

    /// <summary>
    /// Every opted-in Ingress of <paramref name="cluster"/> (bad ones come with a <see cref="DiscoveredIngress.Problem"/>
    /// instead of failing the scan), and every other Ingress that still carries challenge paths we added.
    /// </summary>
    public async IAsyncEnumerable<DiscoveredIngress> ListAsync(string cluster, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var page in lists.PagesAsync(cluster, Listing.ListedKind.Ingresses, Listing.ListShape.Full, null, null, null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var ingress in page.Items.Select(i => (k8s.Models.V1Ingress)i.Body))
            {
                var challengePaths = InPlaceRoutePlanner.ReadTracked(ingress);
                var optedIn = IngressAnnotationParser.IsOptedIn(ingress.Metadata?.Annotations);
                if (!optedIn && challengePaths.Count == 0)
                {
                    continue;
                }

                var certificate = new CertificateRef(cluster, ingress.Metadata!.NamespaceProperty, ingress.Metadata.Name);
                if (!optedIn)
                {
                    yield return new DiscoveredIngress(certificate, null, null)
                    {
                        OptedIn = false,
                        ChallengePaths = challengePaths,
                        ResourceVersion = ingress.Metadata.ResourceVersion,
                    };
                    continue;
                }

                DiscoveredIngress found;
                try
                {
                    found = new DiscoveredIngress(certificate, IngressCertificateSpecBuilder.Build(certificate, ingress, _routing, _requireKnownHost, issuers), null)
                    {
                        ChallengePaths = challengePaths,
                        ResourceVersion = ingress.Metadata.ResourceVersion,
                    };
                }
                catch (PermanentKubernetesException ex) when (ex is InvalidIngressConfigurationException or Issuers.UnknownIssuerException or Issuers.IssuerNotAllowedException)
                {
                    KubernetesLog.DiscoveredInvalid(_logger, certificate, ex.Message);
                    found = new DiscoveredIngress(certificate, null, ex.Message)
                    {
                        ChallengePaths = challengePaths,
                        ResourceVersion = ingress.Metadata.ResourceVersion,
                    };
                }

                count++;
                yield return found;
            }
        }

        KubernetesLog.DiscoveryCompleted(_logger, cluster, count);
    }

    /// <summary>The label values (<see cref="LabelValue.ForName"/>) of the opted-in Ingresses of one namespace.</summary>
    public async Task<IReadOnlySet<string>> OptedInLabelsAsync(string cluster, string @namespace, CancellationToken cancellationToken)
    {
        var client = _clients.GetClient(cluster);
        var list = await KubernetesCall.RunAsync(
            () => client.NetworkingV1.ListNamespacedIngressAsync(@namespace, cancellationToken: cancellationToken),
            $"list Ingresses in {@namespace}",
            cancellationToken).ConfigureAwait(false);
        return (list.Items ?? [])
            .Where(i => IngressAnnotationParser.IsOptedIn(i.Metadata?.Annotations))
            .Select(i => LabelValue.ForName(i.Metadata.Name))
            .ToHashSet(StringComparer.Ordinal);
    }
}
