using CertFunctions.Core.Challenges;
using Microsoft.AspNetCore.Http;

namespace CertFunctions.Core.Http;

/// <summary>Serves <c>GET /.well-known/acme-challenge/{token}</c> for every host.</summary>
public sealed class ChallengeEndpoint(ChallengeResponder responder)
{
    /// <summary>The route, served as is (the Functions route prefix is empty).</summary>
    public const string Route = ".well-known/acme-challenge/{token}";

    /// <summary>Writes the key authorization as text/plain, or 404.</summary>
    public async Task HandleAsync(HttpContext context, string? token)
    {
        var host = context.Request.Host.Host;
        var keyAuthorization = await responder.FindKeyAuthorizationAsync(token, host, context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers.CacheControl = "no-cache";
        if (keyAuthorization is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("not found", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(keyAuthorization, context.RequestAborted).ConfigureAwait(false);
    }
}
