using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Gateways;
using CertFunctions.Core.Kubernetes.Routing;
using CertFunctions.Core.Kubernetes.Routing.HttpRoutes;
using k8s;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Kubernetes.Discovery;

/// <summary>Reads one Ingress (or one Secret's listeners of a Gateway) and derives what certificate it asks for.</summary>
public sealed class IngressCertificateReader(
    IKubernetesClientProvider clients,
    IOptions<ChallengeRoutingOptions> routing,
    IOptions<Challenges.ResponderOptions> responder,
    Issuers.AcmeIssuerCatalog issuers,
    GatewayCertificatesReader gateways,
    IOptions<GatewayRoutingOptions> gatewayRouting)
{
    private readonly IKubernetesClientProvider _clients = clients;
    private readonly ChallengeRoutingOptions _routing = routing.Value;
    private readonly bool _requireKnownHost = responder.Value.RequireKnownHost;

    /// <summary>
    /// The spec of <paramref name="certificate"/>'s Ingress; throws <see cref="IngressNotFoundException"/>,
    /// <see cref="InvalidIngressConfigurationException"/>, or an issuer error (<see cref="Issuers.UnknownIssuerException"/>, <see cref="Issuers.IssuerNotAllowedException"/>).
    /// </summary>
    public async Task<IngressCertificateSpec> ReadAsync(CertificateRef certificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (certificate.IsGateway)
        {
            // One certificate of a Gateway: its Secret's listeners, checked against the Gateway as it is now.
            var read = await gateways.ReadAsync(certificate.WholeObject, cancellationToken).ConfigureAwait(false);
            return GatewayIssuanceSpecBuilder.Build(certificate, read, gatewayRouting.Value.GatewayRouting, _requireKnownHost);
        }

        var client = _clients.GetClient(certificate.Cluster);
        var ingress = await KubernetesCall.RunOrNullAsync(
                () => client.NetworkingV1.ReadNamespacedIngressAsync(certificate.Ingress, certificate.Namespace, cancellationToken: cancellationToken),
                $"read Ingress {certificate.Namespace}/{certificate.Ingress}",
                cancellationToken).ConfigureAwait(false)
            ?? throw new IngressNotFoundException(certificate);
        return IngressCertificateSpecBuilder.Build(certificate, ingress, _routing, _requireKnownHost, issuers);
    }
}
