using System.Text.Json;
using CertFunctions.Core.Kubernetes.Access;
using Microsoft.AspNetCore.Http;

namespace CertFunctions.Core.Http;

/// <summary>Answers load-balancer probes on <c>/</c> and <c>/api/health</c>, and says which clusters the app can reach.</summary>
/// <remarks>
/// Always 200 while the app runs: the responder works whatever the clusters' state, and a probe that failed on one
/// broken cluster would take the responder (and every other cluster) out of rotation. The body names each cluster's
/// state; the reason, which names settings, is in the log, not on this anonymous endpoint.
/// </remarks>
public sealed class HealthEndpoint(IKubernetesClientProvider clusters)
{
    /// <summary>The health route.</summary>
    public const string Route = "api/health";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Writes 200 with <c>{"status": "healthy" | "degraded", "clusters": [{"name", "state"}]}</c>.</summary>
    public Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var access = clusters.DescribeAll();
        var body = new
        {
            Status = access.All(a => a.Available) ? "healthy" : "degraded",
            Clusters = access.Select(a => new { Name = a.Cluster, State = a.Available ? "available" : "unavailable" }),
        };
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers.CacheControl = "no-cache";
        return context.Response.WriteAsJsonAsync(body, Json, context.RequestAborted);
    }
}
