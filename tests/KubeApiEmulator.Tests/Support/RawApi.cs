using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace KubeApiEmulator.Tests.Support;

/// <summary>One raw API answer: status, body text, the body as JSON when it is JSON, and the Content-Type.</summary>
public sealed record RawAnswer(HttpStatusCode Code, string Text, JsonNode? Json, string ContentType)
{
    /// <summary>The body as JSON (fails the test when it is not).</summary>
    public JsonNode Body => Json ?? throw new InvalidOperationException("not JSON: " + Text);

    /// <summary>The Status message.</summary>
    public string? Message => (string?)Json?["message"];

    /// <summary>The Status reason.</summary>
    public string? Reason => (string?)Json?["reason"];
}

/// <summary>Raw HTTP calls against the emulator API with an explicit method, body type and Accept header.</summary>
public static class RawApi
{
    /// <summary>Sends one request and reads the whole answer.</summary>
    public static async Task<RawAnswer> SendAsync(
        HttpClient client, HttpMethod method, string path, string? body = null, string contentType = "application/json", string? accept = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            json = JsonNode.Parse(text);
        }

        return new RawAnswer(response.StatusCode, text, json, response.Content.Headers.ContentType?.ToString() ?? string.Empty);
    }

    /// <summary>GET.</summary>
    public static Task<RawAnswer> GetAsync(this HttpClient client, string path, string? accept) => SendAsync(client, HttpMethod.Get, path, accept: accept);

    /// <summary>POST a JSON body.</summary>
    public static Task<RawAnswer> PostJsonAsync(this HttpClient client, string path, string json) => SendAsync(client, HttpMethod.Post, path, json);

    /// <summary>PUT a JSON body.</summary>
    public static Task<RawAnswer> PutJsonAsync(this HttpClient client, string path, string json) => SendAsync(client, HttpMethod.Put, path, json);

    /// <summary>PATCH with a patch type.</summary>
    public static Task<RawAnswer> PatchAsync(this HttpClient client, string path, string patch, string patchType) =>
        SendAsync(client, HttpMethod.Patch, path, patch, patchType);

    /// <summary>DELETE, optionally with a DeleteOptions body.</summary>
    public static Task<RawAnswer> DeleteAsync(this HttpClient client, string path, string? body) => SendAsync(client, HttpMethod.Delete, path, body);
}
