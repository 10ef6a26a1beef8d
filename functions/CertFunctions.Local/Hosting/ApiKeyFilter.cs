using System.Security.Cryptography;
using System.Text;
using CertFunctions.Core.Http;
using Microsoft.Extensions.Options;

namespace CertFunctions.Local.Hosting;

/// <summary>Requires the configured API key on API routes, the way function keys guard them in Azure.</summary>
public sealed class ApiKeyFilter(IOptions<LocalHostOptions> options) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (IsAuthorized(context.HttpContext.Request, options.Value.ApiKey))
        {
            return await next(context).ConfigureAwait(false);
        }

        await WriteUnauthorizedAsync(context.HttpContext).ConfigureAwait(false);
        return Results.Empty;
    }

    /// <summary>The same check as middleware, for routes that are not route handlers (the Prometheus scrape endpoint).</summary>
    public static async Task RequireKeyAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var options = context.RequestServices.GetRequiredService<IOptions<LocalHostOptions>>();
        if (IsAuthorized(context.Request, options.Value.ApiKey))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        await WriteUnauthorizedAsync(context).ConfigureAwait(false);
    }

    private static bool IsAuthorized(HttpRequest request, string? expected)
    {
        if (string.IsNullOrEmpty(expected))
        {
            return true;
        }

        var given = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault() ?? string.Empty;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
    }

    private static Task WriteUnauthorizedAsync(HttpContext context) => ProblemResponse.WriteAsync(
        context, StatusCodes.Status401Unauthorized, "Unauthorized", "Send the API key in the x-functions-key header or the code query parameter.");
}
