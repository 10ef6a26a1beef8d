using System.Collections.Concurrent;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Secrets;

namespace CertFunctions.Core.Renewal.Scan;

/// <summary>
/// Reads a cluster's <see cref="ClusterInventory"/>: one paged list of Ingresses, then our Secrets, listed by label only
/// in the namespaces that have opted-in objects, so the app never needs to read every Secret in the cluster.
/// </summary>
public sealed class ClusterInventoryReader(IngressDiscovery discovery, DeployedCertificateReader certificates)
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

        var managed = new ConcurrentDictionary<(string Namespace, string Name), DeployedCertificate>();
        var unreadable = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var namespaces = specs.Select(s => s.Certificate.Namespace).Distinct(StringComparer.Ordinal);
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

        return new ClusterInventory(cluster, specs, invalid, withChallengePaths, managed, unreadable);
    }
}
