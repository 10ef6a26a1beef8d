using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace CertFunctions.Core.Http;

/// <summary>Writes RFC 9457 problem+json responses.</summary>
public static class ProblemResponse
{
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A value the caller sent, as a detail quotes it back: at most 80 characters, so a huge input stays out of the answer.</summary>
    public static string Echo(string? value) => value is null ? string.Empty : value.Length <= 80 ? value : value[..80] + "…";

    /// <summary>Writes a problem document with <paramref name="status"/>, a title and a detail a user can act on.</summary>
    public static Task WriteAsync(
        HttpContext context,
        int status,
        string title,
        string detail,
        IReadOnlyDictionary<string, string[]>? errors = null,
        string? type = null)
    {
        var problem = new ProblemDocument(
            type ?? $"https://httpstatuses.io/{status}",
            title,
            status,
            detail,
            context.Request.Path.Value,
            errors);
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(problem, SerializerOptions, "application/problem+json", context.RequestAborted);
    }

    private sealed record ProblemDocument(
        string Type,
        string Title,
        int Status,
        string Detail,
        string? Instance,
        IReadOnlyDictionary<string, string[]>? Errors);
}
