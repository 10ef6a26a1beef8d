using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CertFunctions.Triggers;

/// <summary>Answers load-balancer probes.</summary>
public sealed class HealthFunction
{
    /// <summary>Returns 200 while the worker runs.</summary>
    [Function("Health")]
    public static IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request)
        => new OkObjectResult(new { status = "healthy" });
}
