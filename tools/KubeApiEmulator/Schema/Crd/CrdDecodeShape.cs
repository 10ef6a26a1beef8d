namespace KubeApiEmulator.Schema.Crd;

/// <summary>
/// The decode-time shape of a CRD schema for unknown-field handling: known properties only, every scalar as
/// "anything", because a custom resource's wrong types are schema errors (422), not decode errors (400).
/// </summary>
internal static class CrdDecodeShape
{
    /// <summary>The <see cref="SchemaNode"/> of <paramref name="schema"/>.</summary>
    public static SchemaNode From(CrdSchema schema, string goType) => schema.Type switch
    {
        CrdType.Object => SchemaNode.Struct(goType, [.. schema.Properties.Select(p => (p.Key, From(p.Value, goType)))]),
        CrdType.Array => SchemaNode.ListOf(From(schema.Items!, goType)),
        _ => SchemaNode.Any,
    };
}
