using Microsoft.AspNetCore.Http;

namespace CertFunctions.Core.Http;

/// <summary>Answers load-balancer probes on <c>/</c> and <c>/api/health</c>.</summary>
public static class HealthEndpoint
{
    /// <summary>The health route.</summary>
    public const string Route = "api/health";

    /// <summary>Writes 200 with a small text body.</summary>
    public static Task HandleAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/plain";
        context.Response.Headers.CacheControl = "no-cache";
        return context.Response.WriteAsync("CertFunctions is running", context.RequestAborted);
    }
}
