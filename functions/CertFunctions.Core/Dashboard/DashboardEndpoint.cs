using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace CertFunctions.Core.Dashboard;

/// <summary>
/// Serves the dashboard page and its assets, shared by both hosts. The routes sit behind the function key like the
/// API; a browser opens the page once with <c>?code=</c>, so the page writes that code into its asset URLs, and
/// its script keeps the key in sessionStorage and sends it in <c>x-functions-key</c>.
/// </summary>
public static class DashboardEndpoint
{
    /// <summary>Route of the page.</summary>
    public const string PageRoute = "dashboard";

    /// <summary>Route of a stylesheet, script or icon of the page.</summary>
    public const string AssetRoute = "dashboard/{file}";

    /// <summary>
    /// Only this app's own files and API: no inline script or style, no framing, no other origin; a page that
    /// holds a key must not run anything it did not ship.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary><c>GET /dashboard</c>: the page.</summary>
    public static Task PageAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // The Functions host checked the code before this runs; asset requests need it too, so they carry it.
        var code = context.Request.Query["code"].FirstOrDefault();
        var assetQuery = string.IsNullOrEmpty(code) ? string.Empty : "?code=" + WebUtility.HtmlEncode(Uri.EscapeDataString(code));
        var page = Encoding.UTF8.GetString(DashboardAssets.Page).Replace("{{assetQuery}}", assetQuery, StringComparison.Ordinal);
        return WriteAsync(context, Encoding.UTF8.GetBytes(page), "text/html; charset=utf-8");
    }

    /// <summary><c>GET /dashboard/{file}</c>: the stylesheet, the script or the icon; anything else is 404.</summary>
    public static Task AssetAsync(HttpContext context, string file)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!DashboardAssets.TryGet(file, out var content, out var contentType))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        }

        return WriteAsync(context, content, contentType);
    }

    private static Task WriteAsync(HttpContext context, byte[] content, string contentType)
    {
        var headers = context.Response.Headers;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = contentType;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";

        // The URLs may carry the key: never send them on as a referrer, never keep them in a cache.
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        context.Response.ContentLength = content.Length;
        return context.Response.Body.WriteAsync(content, context.RequestAborted).AsTask();
    }
}
