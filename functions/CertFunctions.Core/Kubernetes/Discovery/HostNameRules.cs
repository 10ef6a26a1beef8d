using System.Net;
using System.Text.RegularExpressions;

namespace CertFunctions.Core.Kubernetes.Discovery;

/// <summary>Which names HTTP-01 can validate: DNS names only, no wildcards, no IP addresses, at most 100.</summary>
public static partial class HostNameRules
{
    /// <summary>Most names one certificate may hold (the Let's Encrypt limit).</summary>
    public const int MaxNames = 100;

    /// <summary>Problems with <paramref name="hosts"/>; empty when all are fine.</summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<string> hosts)
    {
        var problems = new List<string>();
        if (hosts.Count == 0)
        {
            problems.Add("no host names: add a host to spec.rules (or spec.tls)");
        }

        if (hosts.Count > MaxNames)
        {
            problems.Add($"{hosts.Count} host names, more than the {MaxNames} one certificate may hold: split the Ingress");
        }

        foreach (var host in hosts)
        {
            if (host.Contains('*', StringComparison.Ordinal))
            {
                problems.Add($"'{host}' is a wildcard, which HTTP-01 cannot validate: list the names explicitly or use another issuer");
            }
            else if (IPAddress.TryParse(host.Trim('[', ']'), out _))
            {
                problems.Add($"'{host}' is an IP address, which this issuer does not validate: use a DNS name");
            }
            else if (!IsDnsName(host))
            {
                problems.Add($"'{host}' is not a valid DNS name (labels of letters, digits and '-', at least two labels, at most 253 characters)");
            }
        }

        return problems;
    }

    /// <summary>True for a fully qualified DNS name with at least two labels.</summary>
    public static bool IsDnsName(string host) =>
        host.Length <= 253 && host.Contains('.', StringComparison.Ordinal) && DnsNamePattern().IsMatch(host);

    [GeneratedRegex("^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$")]
    private static partial Regex DnsNamePattern();
}
