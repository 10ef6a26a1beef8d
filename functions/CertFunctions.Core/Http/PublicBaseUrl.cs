using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace CertFunctions.Core.Http;

/// <summary>The scheme and host clients reach the app by, for the links the API returns.</summary>
/// <remarks>
/// In Azure the worker sees the Functions host's internal forward (plain http, an internal host), not the request the
/// client sent to the https-only front end. The public address comes, in this order, from the forwarded headers
/// (<c>X-Forwarded-Proto</c>, <c>X-Forwarded-Host</c>), from <c>WEBSITE_HOSTNAME</c> (always https on App Service),
/// and only then from the request itself (the local host, which clients reach directly).
/// </remarks>
public sealed class PublicBaseUrl(IConfiguration configuration)
{
    /// <summary>The App Service setting holding the app's default host name.</summary>
    public const string WebsiteHostNameSetting = "WEBSITE_HOSTNAME";

    /// <summary>The absolute URL of <paramref name="path"/> (starting with '/') as the client can reach it.</summary>
    public string For(HttpRequest request, string path)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (scheme, host) = Resolve(request);
        return $"{scheme}://{host}{path}";
    }

    private (string Scheme, string Host) Resolve(HttpRequest request)
    {
        var forwardedScheme = First(request.Headers["X-Forwarded-Proto"]);
        var forwardedHost = First(request.Headers["X-Forwarded-Host"]);
        if (IsHost(forwardedHost))
        {
            return (IsScheme(forwardedScheme) ? forwardedScheme!.ToLowerInvariant() : request.Scheme, forwardedHost!);
        }

        var websiteHost = configuration[WebsiteHostNameSetting];
        if (IsHost(websiteHost))
        {
            return (Uri.UriSchemeHttps, websiteHost!);
        }

        return (IsScheme(forwardedScheme) ? forwardedScheme!.ToLowerInvariant() : request.Scheme, request.Host.ToUriComponent());
    }

    /// <summary>The first of a comma-separated list (each proxy appends its own), trimmed.</summary>
    private static string? First(StringValues values)
    {
        var value = values.Count > 0 ? values[0] : null;
        var comma = value?.IndexOf(',', StringComparison.Ordinal) ?? -1;
        return (comma >= 0 ? value![..comma] : value)?.Trim();
    }

    private static bool IsScheme(string? value)
        => string.Equals(value, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase) || string.Equals(value, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase);

    /// <summary>A host name or address with an optional port, and nothing else: a header must not smuggle a path into our links.</summary>
    private static bool IsHost(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 300)
        {
            return false;
        }

        var host = HostString.FromUriComponent(value);
        return Uri.TryCreate("https://" + value + "/", UriKind.Absolute, out var uri)
            && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo)
            && Uri.CheckHostName(host.Host.Trim('[', ']')) != UriHostNameType.Unknown;
    }
}
