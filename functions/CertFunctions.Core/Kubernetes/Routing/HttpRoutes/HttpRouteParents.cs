using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Gateways;

namespace CertFunctions.Core.Kubernetes.Routing.HttpRoutes;

/// <summary>Chooses the Gateway listeners a solver HTTPRoute attaches to: the HTTP listeners on port 80 that accept each host; pure.</summary>
public static class HttpRouteParents
{
    /// <summary>The port the CA validates HTTP-01 on.</summary>
    public const int ChallengePort = 80;

    /// <summary>
    /// The listener names (sectionName) to attach to, in listener order: for each host the most specific HTTP listener on
    /// port 80 that accepts it. Throws <see cref="InvalidGatewayConfigurationException"/> naming every host no listener
    /// accepts, so the failure comes before the CA is asked.
    /// </summary>
    public static IReadOnlyList<string> Choose(CertificateRef gateway, IReadOnlyList<GatewayListener> listeners, IReadOnlyList<string> hosts)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(listeners);
        ArgumentNullException.ThrowIfNull(hosts);
        var http = listeners.Where(l => l.Protocol == "HTTP" && l.Port == ChallengePort).ToList();
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var host in hosts)
        {
            var best = http.Where(l => Accepts(l.Hostname, host)).MaxBy(l => Specificity(l.Hostname));
            if (best is null)
            {
                missing.Add(host);
            }
            else
            {
                chosen.Add(best.Name);
            }
        }

        if (missing.Count > 0)
        {
            throw new InvalidGatewayConfigurationException(
                $"Gateway '{gateway.Namespace}/{gateway.Name}' has no HTTP listener on port {ChallengePort} for {string.Join(", ", missing)}, and the CA validates " +
                $"http://<host>/.well-known/acme-challenge/ on port {ChallengePort}: add a listener with protocol HTTP, port {ChallengePort} and that hostname " +
                "(or none). Nothing was changed and the CA was not asked.");
        }

        return [.. http.Where(l => chosen.Contains(l.Name)).Select(l => l.Name)];
    }

    /// <summary>True when a listener with <paramref name="listenerHostname"/> (null: any) accepts requests for <paramref name="host"/>.</summary>
    public static bool Accepts(string? listenerHostname, string host)
    {
        if (listenerHostname is null)
        {
            return true;
        }

        if (listenerHostname.StartsWith("*.", StringComparison.Ordinal))
        {
            // A wildcard matches one or more labels in front of its suffix, never the suffix itself.
            return host.Length > listenerHostname.Length - 1 && host.EndsWith(listenerHostname[1..], StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(listenerHostname, host, StringComparison.OrdinalIgnoreCase);
    }

    private static int Specificity(string? hostname) => hostname is null ? 0 : hostname.StartsWith('*') ? 1 : 2;
}
