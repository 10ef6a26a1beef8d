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
        var expected = options.Value.ApiKey;
        if (string.IsNullOrEmpty(expected))
        {
            return await next(context).ConfigureAwait(false);
        }

        var request = context.HttpContext.Request;
        var given = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault() ?? string.Empty;
        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            return await next(context).ConfigureAwait(false);
        }

        await ProblemResponse.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized",
            "Send the API key in the x-functions-key header or the code query parameter.").ConfigureAwait(false);
        return Results.Empty;
    }
}
