using System.Diagnostics;
using CertFunctions.Acme.Telemetry;

namespace CertFunctions.Core.Telemetry;

/// <summary>
/// Rewrites the URL of outgoing HTTP spans before export: an ACME request shows its endpoint kind instead of its path
/// (account, order and authorization URLs carry identifiers), a storage request hides its blob or message name (challenge
/// tokens and order ids are blob names), and a self-check shows no challenge token. Queries are dropped everywhere.
/// </summary>
public static class HttpSpanRedaction
{
    private const string UrlTag = "url.full";
    private const string ChallengePath = "/.well-known/acme-challenge/";

    /// <summary>Every Azure Storage request carries this header (the Azure SDK sets it).</summary>
    private const string StorageVersionHeader = "x-ms-version";

    /// <summary>Called by the HttpClient instrumentation with each request: replaces <c>url.full</c>.</summary>
    public static void Enrich(Activity activity, HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is not { } uri)
        {
            return;
        }

        if (request.Options.TryGetValue(AcmeRequestOptions.Endpoint, out var endpoint))
        {
            activity.SetTag(UrlTag, uri.GetLeftPart(UriPartial.Authority) + "/{acme:" + endpoint + "}");
            activity.SetTag(TelemetryTags.AcmeEndpoint, endpoint.ToString());
            activity.DisplayName = request.Method.Method + " acme " + endpoint;
            return;
        }

        if (request.Headers.Contains(StorageVersionHeader))
        {
            activity.SetTag(UrlTag, RedactStorage(uri));
            return;
        }

        activity.SetTag(UrlTag, Redact(uri.ToString()));
    }

    /// <summary>An Azure Storage URL without its last path segment (the blob, entity or message) and query.</summary>
    public static string RedactStorage(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var kept = segments.Length >= 2 ? segments[..^1].Append("{name}") : segments;
        return uri.GetLeftPart(UriPartial.Authority) + "/" + string.Join('/', kept);
    }

    /// <summary>Removes a challenge token from <paramref name="url"/> and drops any query string.</summary>
    public static string Redact(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var query = url.IndexOf('?', StringComparison.Ordinal);
        var bare = query >= 0 ? url[..query] : url;
        var challenge = bare.IndexOf(ChallengePath, StringComparison.OrdinalIgnoreCase);
        return challenge >= 0 ? bare[..(challenge + ChallengePath.Length)] + "{token}" : bare;
    }
}
