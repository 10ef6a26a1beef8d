using System.Net;

namespace CertFunctions.Core.Kubernetes.Routing.HttpRoutes;

/// <summary>
/// What a redirect target must be for Let's Encrypt to follow it: http on port 80 or https on 443, a DNS name (no IP
/// address), no path of its own (the challenge path is kept), no query, no user info.
/// </summary>
public static class RedirectTargetRules
{
    /// <summary>Problems with <paramref name="target"/>; empty when the CA follows a redirect there.</summary>
    /// <param name="target">The responder's public base URL.</param>
    /// <param name="allowAnyTarget">The local world's <c>Challenge:AllowAnyRedirectTarget</c>: IPs and other ports are allowed.</param>
    public static IReadOnlyList<string> Check(Uri target, bool allowAnyTarget)
    {
        ArgumentNullException.ThrowIfNull(target);
        var problems = new List<string>();
        if (!target.IsAbsoluteUri || (target.Scheme != Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"'{target}' is not an absolute http or https URL");
            return problems;
        }

        if (target.AbsolutePath != "/" || target.Query.Length > 0 || target.UserInfo.Length > 0)
        {
            problems.Add($"'{target}' has a path, query or user info: give the responder's base URL only (the challenge path is kept by the redirect)");
        }

        if (allowAnyTarget)
        {
            return problems;
        }

        if (target.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || IPAddress.TryParse(target.Host, out _))
        {
            problems.Add($"'{target}' names an IP address, and Let's Encrypt does not follow redirects to IP addresses: use the responder's DNS name");
        }

        var standard = target.Scheme == Uri.UriSchemeHttps ? 443 : 80;
        if (target.Port != standard)
        {
            problems.Add($"'{target}' uses port {target.Port}, and Let's Encrypt follows redirects only to port 80 (http) and 443 (https)");
        }

        return problems;
    }
}
