using System.Globalization;
using System.Text.Json.Nodes;
using KubeApiEmulator.Discovery;

namespace KubeApiEmulator.Api;

/// <summary>Metadata-only views of objects and lists, as the server transforms them for as=PartialObjectMetadata[List].</summary>
internal static class PartialObjectMetadata
{
    /// <summary>The metadata of <paramref name="obj"/> as a PartialObjectMetadata of meta.k8s.io/<paramref name="version"/>.</summary>
    public static JsonObject Of(JsonObject obj, string version) => new()
    {
        ["kind"] = "PartialObjectMetadata",
        ["apiVersion"] = "meta.k8s.io/" + version,
        ["metadata"] = obj["metadata"]?.DeepClone() ?? new JsonObject(),
    };

    /// <summary>A PartialObjectMetadataList of one list page; each item carries its own kind and apiVersion, as the server sets them.</summary>
    public static JsonObject List(ResourceType type, ListPage page, string version)
    {
        var metadata = new JsonObject { ["resourceVersion"] = page.ResourceVersion.ToString(CultureInfo.InvariantCulture) };
        if (page.Continue is not null)
        {
            metadata["continue"] = page.Continue;
        }

        if (page.RemainingItemCount is long remaining)
        {
            metadata["remainingItemCount"] = remaining;
        }

        var items = new JsonArray();
        foreach (var item in page.Items)
        {
            items.Add(Of(ObjectOperations.Present(type, item.ToNode()), version));
        }

        return new JsonObject
        {
            ["kind"] = "PartialObjectMetadataList",
            ["apiVersion"] = "meta.k8s.io/" + version,
            ["metadata"] = metadata,
            ["items"] = items,
        };
    }
}
