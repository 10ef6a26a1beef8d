using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeApiEmulator.Seeding;

namespace KubeApiEmulator.Api;

/// <summary>Reads request bodies: JSON or YAML objects, and patch documents by their content type.</summary>
internal static class RequestBody
{
    /// <summary>The Kubernetes protobuf media type (kubectl's typed client sends it for create and replace).</summary>
    public const string ProtobufMediaType = "application/vnd.kubernetes.protobuf";

    /// <summary>The media type of a request without parameters, lower-cased.</summary>
    public static string MediaType(HttpRequest request) =>
        (request.ContentType ?? string.Empty).Split(';', 2)[0].Trim().ToLowerInvariant();

    /// <summary>Reads the body as a JSON value (YAML accepted as application/yaml).</summary>
    /// <exception cref="StatusException">400 for a body that does not parse, 415 for an unknown content type.</exception>
    public static async Task<JsonNode?> ReadNodeAsync(HttpRequest request, bool allowYaml, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        if (bytes.Length == 0)
        {
            return null;
        }

        var mediaType = MediaType(request);
        if (allowYaml && mediaType is "application/yaml" or "application/x-yaml" or "text/yaml" or Api.FieldManagerOptions.ApplyPatchMediaType)
        {
            try
            {
                return YamlToJson.ReadDocuments(Encoding.UTF8.GetString(bytes)).FirstOrDefault();
            }
            catch (YamlDotNet.Core.YamlException ex)
            {
                throw StatusObjects.BadRequest("error converting YAML to JSON: " + ex.Message);
            }
        }

        try
        {
            return JsonNode.Parse(bytes);
        }
        catch (JsonException ex)
        {
            throw StatusObjects.BadRequest("the body of the request could not be decoded: " + ex.Message);
        }
    }

    /// <summary>Reads an object body for create or update.</summary>
    /// <exception cref="StatusException">415 for an unknown content type, 400 when the body is not an object.</exception>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var mediaType = MediaType(request);
        if (mediaType == ProtobufMediaType)
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            try
            {
                return Protobuf.ProtobufDecoder.Decode(buffer.ToArray());
            }
            catch (FormatException ex)
            {
                throw StatusObjects.BadRequest("the body of the request could not be decoded: " + ex.Message);
            }
        }

        if (mediaType is not ("" or "application/json" or "application/yaml" or "application/x-yaml" or "text/yaml" or "*/*"))
        {
            throw StatusObjects.UnsupportedBodyType(mediaType);
        }

        var node = await ReadNodeAsync(request, allowYaml: true, cancellationToken);
        return node as JsonObject ?? throw StatusObjects.BadRequest("Object 'Kind' is missing in '" + (node?.ToJsonString() ?? string.Empty) + "'");
    }
}
