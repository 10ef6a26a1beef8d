using System.Text.Json.Nodes;

namespace KubeApiEmulator.Storage;

/// <summary>One object as stored: its serialized JSON plus the indexes lists filter on. Immutable.</summary>
internal sealed class StoredObject
{
    /// <summary>"namespace/name" for namespaced objects, "name" otherwise; the sort key.</summary>
    public required string Key { get; init; }

    /// <summary>The namespace, or empty for cluster-scoped objects.</summary>
    public required string Namespace { get; init; }

    /// <summary>metadata.name.</summary>
    public required string Name { get; init; }

    /// <summary>metadata.uid.</summary>
    public required string Uid { get; init; }

    /// <summary>metadata.resourceVersion as a number.</summary>
    public required long ResourceVersion { get; init; }

    /// <summary>The object serialized as UTF-8 JSON.</summary>
    public required byte[] Json { get; init; }

    /// <summary>metadata.labels.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>Values of the fields a field selector may name.</summary>
    public required IReadOnlyDictionary<string, string> Fields { get; init; }

    /// <summary>This object's content stamped with another resourceVersion (how a watch reports an object leaving its selection).</summary>
    public StoredObject AtResourceVersion(long version)
    {
        var node = ToNode();
        node.Metadata()["resourceVersion"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new StoredObject
        {
            Key = Key,
            Namespace = Namespace,
            Name = Name,
            Uid = Uid,
            ResourceVersion = version,
            Json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(node, JsonText.Options),
            Labels = Labels,
            Fields = Fields,
        };
    }

    /// <summary>A fresh, mutable copy of the object.</summary>
    public JsonObject ToNode() => JsonNode.Parse(Json)!.AsObject();
}
