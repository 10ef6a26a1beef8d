using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace CertFunctions.Core.Http;

/// <summary>Writes the API's JSON answers: web casing, nulls left out, never cached.</summary>
public static class JsonResponse
{
    /// <summary>The serializer options of every API answer.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Writes <paramref name="value"/> as <c>application/json</c> with <paramref name="status"/>.</summary>
    public static Task WriteAsync<T>(HttpContext context, int status, T value)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(value, Options, "application/json", context.RequestAborted);
    }
}
