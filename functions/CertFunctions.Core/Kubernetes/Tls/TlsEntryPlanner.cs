using CertFunctions.Core.Kubernetes.Patching;
using k8s.Models;

namespace CertFunctions.Core.Kubernetes.Tls;

/// <summary>Computes the spec.tls edit that makes our Secret serve the hosts; pure.</summary>
public static class TlsEntryPlanner
{
    /// <summary>
    /// Updates the entry that already names <paramref name="secretName"/> (or else the entry listing exactly these hosts)
    /// so it lists <paramref name="hosts"/> with our Secret; appends one when none matches. Other entries are kept.
    /// </summary>
    /// <returns>True when the patch changes spec.tls.</returns>
    public static bool Plan(V1Ingress ingress, IReadOnlyList<string> hosts, string secretName, JsonPatch patch)
    {
        var entries = ingress.Spec?.Tls;
        var desired = new V1IngressTLS { Hosts = hosts.ToList(), SecretName = secretName };
        if (entries is null || entries.Count == 0)
        {
            patch.Add("/spec/tls", new List<V1IngressTLS> { desired });
            return true;
        }

        var index = IndexOf(entries, e => e.SecretName == secretName);
        if (index < 0)
        {
            index = IndexOf(entries, e => SameHosts(e.Hosts, hosts));
        }

        if (index < 0)
        {
            patch.Add("/spec/tls/-", desired);
            return true;
        }

        var entry = entries[index];
        if (entry.SecretName == secretName && SameHosts(entry.Hosts, hosts))
        {
            return false;
        }

        patch.Replace($"/spec/tls/{index}", desired);
        return true;
    }

    private static int IndexOf(IList<V1IngressTLS> entries, Func<V1IngressTLS, bool> predicate)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (predicate(entries[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool SameHosts(IList<string>? current, IReadOnlyList<string> hosts) =>
        current is not null && current.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(hosts);
}
