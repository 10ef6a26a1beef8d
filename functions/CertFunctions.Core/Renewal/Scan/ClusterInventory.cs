using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Secrets;

namespace CertFunctions.Core.Renewal.Scan;

/// <summary>What one cluster holds for the scan: opted-in objects, the ones that cannot be served, our Secrets, leftovers.</summary>
/// <param name="Cluster">The cluster.</param>
/// <param name="Specs">Opted-in Ingresses that can be served.</param>
/// <param name="Invalid">Opted-in Ingresses that cannot be served, each with its problem.</param>
/// <param name="WithChallengePaths">Ingresses that carry challenge paths an issuance added.</param>
/// <param name="Managed">Our Secrets, by namespace and name, in the namespaces that could be read.</param>
/// <param name="UnreadableNamespaces">Namespaces whose Secrets could not be listed, with the reason.</param>
/// <param name="Gateways">Opted-in Gateways, each with its servable Secrets and its problems.</param>
/// <param name="GatewayProblem">Why the cluster's Gateways could not be listed (not for a cluster without the Gateway API), or null.</param>
public sealed record ClusterInventory(
    string Cluster,
    IReadOnlyList<IngressCertificateSpec> Specs,
    IReadOnlyList<DiscoveredIngress> Invalid,
    IReadOnlyList<DiscoveredIngress> WithChallengePaths,
    IReadOnlyDictionary<(string Namespace, string Name), DeployedCertificate> Managed,
    IReadOnlyDictionary<string, string> UnreadableNamespaces,
    IReadOnlyList<ScannedGateway> Gateways,
    string? GatewayProblem = null)
{
    /// <summary>
    /// Every opted-in object, servable or not, and each Secret of a Gateway as the certificate it is (their stored states
    /// are kept; see <see cref="StateRetirement"/>).
    /// </summary>
    public IReadOnlySet<CertificateRef> OptedIn { get; } =
        Specs.Select(s => s.Certificate)
            .Concat(Invalid.Select(i => i.Certificate))
            .Concat(Gateways.Select(g => g.Gateway))
            .Concat(Gateways.SelectMany(g => g.Certificates.Certificates.Select(c => g.Gateway.ForSecret(c.SecretNamespace, c.SecretName))))
            .ToHashSet();

    /// <summary>How many opted-in objects (Ingresses and Gateways) the scan looked at.</summary>
    public int ObjectCount => Specs.Count + Invalid.Count + Gateways.Count;
}
