using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Routing;
using k8s;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Kubernetes.Discovery;

/// <summary>Reads one Ingress and derives what certificate it asks for.</summary>
public sealed class IngressCertificateReader(
    IKubernetesClientProvider clients,
    IOptions<ChallengeRoutingOptions> routing,
    IOptions<Challenges.ResponderOptions> responder,
    Issuers.AcmeIssuerCatalog issuers)
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
        var client = _clients.GetClient(certificate.Cluster);
        var ingress = await KubernetesCall.RunOrNullAsync(
                () => client.NetworkingV1.ReadNamespacedIngressAsync(certificate.Ingress, certificate.Namespace, cancellationToken: cancellationToken),
                $"read Ingress {certificate.Namespace}/{certificate.Ingress}",
                cancellationToken).ConfigureAwait(false)
            ?? throw new IngressNotFoundException(certificate);
        return IngressCertificateSpecBuilder.Build(certificate, ingress, _routing, _requireKnownHost, issuers);
    }
}
