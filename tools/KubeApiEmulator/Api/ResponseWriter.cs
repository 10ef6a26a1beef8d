using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeApiEmulator.Api;

/// <summary>Writes JSON responses.</summary>
internal static class ResponseWriter
{
    /// <summary>Writes <paramref name="body"/> with <paramref name="code"/>.</summary>
    public static Task WriteAsync(HttpResponse response, int code, JsonNode body, CancellationToken cancellationToken) =>
        WriteAsync(response, code, JsonSerializer.SerializeToUtf8Bytes(body, JsonText.Options), cancellationToken);

    /// <summary>Writes <paramref name="body"/> with <paramref name="code"/> and the negotiated <paramref name="contentType"/>.</summary>
    public static Task WriteAsync(HttpResponse response, int code, JsonNode body, string contentType, CancellationToken cancellationToken) =>
        WriteAsync(response, code, JsonSerializer.SerializeToUtf8Bytes(body, JsonText.Options), cancellationToken, contentType);

    /// <summary>Writes serialized JSON with <paramref name="code"/>.</summary>
    public static async Task WriteAsync(HttpResponse response, int code, byte[] body, CancellationToken cancellationToken, string contentType = "application/json")
    {
        response.StatusCode = code;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken);
    }

    /// <summary>Writes the Status of a failed request.</summary>
    public static Task WriteStatusAsync(HttpResponse response, StatusException error, CancellationToken cancellationToken)
    {
        if (error.PlainText)
        {
            response.Headers["X-Content-Type-Options"] = "nosniff";
            return WriteAsync(response, error.Code, System.Text.Encoding.UTF8.GetBytes(error.Message), cancellationToken, "text/plain; charset=utf-8");
        }

        return WriteAsync(response, error.Code, error.ToStatus(), cancellationToken);
    }
}
