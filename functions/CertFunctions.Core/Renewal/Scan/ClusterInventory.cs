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
public sealed record ClusterInventory(
    string Cluster,
    IReadOnlyList<IngressCertificateSpec> Specs,
    IReadOnlyList<DiscoveredIngress> Invalid,
    IReadOnlyList<DiscoveredIngress> WithChallengePaths,
    IReadOnlyDictionary<(string Namespace, string Name), DeployedCertificate> Managed,
    IReadOnlyDictionary<string, string> UnreadableNamespaces)
{
    /// <summary>Every opted-in Ingress, servable or not.</summary>
    public IReadOnlySet<CertificateRef> OptedIn { get; } =
        Specs.Select(s => s.Certificate).Concat(Invalid.Select(i => i.Certificate)).ToHashSet();
}
