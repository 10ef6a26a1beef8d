using CertFunctions.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace CertFunctions.Triggers;

/// <summary>The anonymous http-01 responder and the health probe.</summary>
public sealed class ResponderFunctions
{
    /// <summary>Serves <c>/.well-known/acme-challenge/{token}</c> (the route prefix is empty in host.json).</summary>
    [Function("AcmeChallenge")]
    public static Task AcmeChallenge(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ChallengeEndpoint.Route)] HttpRequest request,
        string token)
        => request.HttpContext.RequestServices.GetRequiredService<ChallengeEndpoint>().HandleAsync(request.HttpContext, token);

    /// <summary>Answers load-balancer probes.</summary>
    [Function("Health")]
    public static Task Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HealthEndpoint.Route)] HttpRequest request)
        => request.HttpContext.RequestServices.GetRequiredService<HealthEndpoint>().HandleAsync(request.HttpContext);
}
