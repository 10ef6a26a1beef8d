using CertFunctions.Core.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CertFunctions.Triggers;

/// <summary>The dashboard page and its assets (function keys, like the API) over Core's <see cref="DashboardEndpoint"/>.</summary>
public sealed class DashboardFunctions
{
    /// <summary>The page; open it once with <c>?code=</c> and it keeps the key for its API calls.</summary>
    [Function("Dashboard")]
    public static Task Dashboard(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = DashboardEndpoint.PageRoute)] HttpRequest request)
        => DashboardEndpoint.PageAsync(request.HttpContext);

    /// <summary>The page's stylesheet and script.</summary>
    [Function("DashboardAsset")]
    public static Task DashboardAsset(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = DashboardEndpoint.AssetRoute)] HttpRequest request,
        string file)
        => DashboardEndpoint.AssetAsync(request.HttpContext, file);
}
