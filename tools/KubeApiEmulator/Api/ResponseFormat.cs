using System.Globalization;
using KubeApiEmulator.Discovery;

namespace KubeApiEmulator.Api;

/// <summary>The negotiated answer of a read: its shape, the meta.k8s.io version of that shape, and the Content-Type to send.</summary>
internal sealed record ResponseFormat(ResponseShape Shape, string MetaVersion, string ContentType)
{
    /// <summary>The media types the real server can encode, as it lists them in a 406.</summary>
    public const string Produced = "application/json, application/yaml, application/vnd.kubernetes.protobuf";

    /// <summary>Plain JSON.</summary>
    public static ResponseFormat Json { get; } = new(ResponseShape.Object, "v1", "application/json");

    /// <summary>
    /// Picks the first media range of <paramref name="accept"/> (by q, then order) the emulator can produce, as the
    /// server's negotiation does. YAML and protobuf are skipped (JSON only), so a header naming only those is 406.
    /// </summary>
    /// <exception cref="StatusException">406 NotAcceptable when no range can be produced.</exception>
    public static ResponseFormat Negotiate(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return Json;
        }

        var ranges = accept.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((text, index) => (Range: MediaRange.Parse(text), Index: index))
            .Where(r => r.Range.Quality > 0)
            .OrderByDescending(r => r.Range.Quality)
            .ThenBy(r => r.Index);
        foreach (var (range, _) in ranges)
        {
            if (range.Type is not ("application/json" or "application/*" or "*/*"))
            {
                continue;
            }

            var shape = range.Parameter("as");
            if (shape is null)
            {
                return Json;
            }

            // Transformations are served for meta.k8s.io only; any other group or version makes the range unusable.
            var version = range.Parameter("v");
            if (range.Parameter("g") != "meta.k8s.io" || version is not ("v1" or "v1beta1"))
            {
                continue;
            }

            var parsed = shape switch
            {
                "Table" => ResponseShape.Table,
                "PartialObjectMetadata" => ResponseShape.PartialObjectMetadata,
                "PartialObjectMetadataList" => ResponseShape.PartialObjectMetadataList,
                _ => (ResponseShape?)null,
            };
            if (parsed is ResponseShape found)
            {
                return new ResponseFormat(found, version, $"application/json;as={shape};v={version};g=meta.k8s.io");
            }
        }

        throw NotAcceptable("only the following media types are accepted: " + Produced);
    }

    /// <summary>Checks the shape fits a single-object answer (get, or one watch event).</summary>
    /// <exception cref="StatusException">406 when a list shape was asked for.</exception>
    public void RequireSingle(ResourceType type)
    {
        if (Shape == ResponseShape.PartialObjectMetadataList)
        {
            throw NotAcceptable($"you requested PartialObjectMetadataList, but the requested object is not a list (*{InternalPackage(type)}.{type.Kind})");
        }
    }

    /// <summary>Checks the shape fits a list answer.</summary>
    /// <exception cref="StatusException">406 when a single-object shape was asked for.</exception>
    public void RequireList(ResourceType type)
    {
        if (Shape == ResponseShape.PartialObjectMetadata)
        {
            throw NotAcceptable($"you requested PartialObjectMetadata, but the requested object is a list (*{InternalPackage(type)}.{type.Kind}List)");
        }
    }

    private static string InternalPackage(ResourceType type) => type.Group switch
    {
        "" or "events.k8s.io" => "core",
        "networking.k8s.io" => "networking",
        var group => group.Split('.')[0].ToLower(CultureInfo.InvariantCulture),
    };

    private static StatusException NotAcceptable(string message) => new(406, "NotAcceptable", message);
}
