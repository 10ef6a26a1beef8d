using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CertFunctions.Cli.Settings;

namespace CertFunctions.Cli.Api;

/// <summary>Calls the CertFunctions HTTP API with the key in the <c>x-functions-key</c> header.</summary>
internal sealed class ApiClient(HttpClient http, ConnectionSettings settings)
{
    /// <summary>GET; an error answer throws <see cref="ApiProblemException"/>.</summary>
    public Task<ApiResponse> GetAsync(string path, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Get, path, content: null, cancellationToken);

    /// <summary>POST a JSON body (or none); an error answer throws <see cref="ApiProblemException"/>.</summary>
    public Task<ApiResponse> PostAsync(string path, object? body, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Post, path, body is null ? null : JsonContent.Create(body), cancellationToken);

    /// <summary>DELETE; an error answer throws <see cref="ApiProblemException"/>.</summary>
    public Task<ApiResponse> DeleteAsync(string path, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Delete, path, content: null, cancellationToken);

    /// <summary>A path of the API below the base URL, with each segment escaped.</summary>
    public static string PathOf(params string[] segments) => string.Join('/', segments.Select(Uri.EscapeDataString));

    private async Task<ApiResponse> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(settings.BaseUrl, path)) { Content = content };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("application/problem+json");
        if (settings.Key is { } key)
        {
            request.Headers.TryAddWithoutValidation("x-functions-key", key);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            // The message names the address without any query, so a key in the URL never shows.
            throw new ApiProblemException(new ApiProblem(0, $"Cannot reach {settings.DisplayUrl}", ex.Message, []));
        }

        using (response)
        {
            var raw = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var result = new ApiResponse((int)response.StatusCode, TryParse(raw), raw);
            return result.IsSuccess ? result : throw new ApiProblemException(ApiProblem.From(result));
        }
    }

    private static JsonNode? TryParse(string raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(raw);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
