using System.Text;
using System.Text.Json.Nodes;
using KubeApiEmulator.Api;

namespace KubeApiEmulator.Storage;

/// <summary>The opaque continue token of a paged list, shaped like the real server's: base64 of {"v","rv","start"}.</summary>
internal static class ContinueToken
{
    /// <summary>Encodes a token that resumes at <paramref name="startKey"/> (inclusive).</summary>
    public static string Encode(long resourceVersion, string startKey)
    {
        var json = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = resourceVersion, ["start"] = startKey }.ToJsonString(JsonText.Options);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Decodes a token.</summary>
    /// <exception cref="StatusException">400 when the token is not one this server wrote.</exception>
    public static (long ResourceVersion, string StartKey) Decode(string token)
    {
        try
        {
            var json = JsonNode.Parse(Convert.FromBase64String(token));
            var version = json.GetString("v");
            var start = json.GetString("start");
            var rv = json?["rv"]?.GetValue<long>() ?? 0;
            if (version != "meta.k8s.io/v1" || start is null || rv <= 0)
            {
                throw StatusObjects.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
            }

            return (rv, start);
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw StatusObjects.BadRequest("continue key is not valid: " + ex.Message);
        }
    }
}
