namespace KubeApiEmulator.Schema;

/// <summary>The shape of one field of a served type, as far as decoding checks it: Go struct, list, map or scalar.</summary>
internal sealed class SchemaNode
{
    private SchemaNode(SchemaShape shape, string goType, IReadOnlyDictionary<string, SchemaNode>? fields, SchemaNode? items)
    {
        Shape = shape;
        GoType = goType;
        Fields = fields;
        Items = items;
    }

    /// <summary>What kind of JSON the field holds.</summary>
    public SchemaShape Shape { get; }

    /// <summary>The Go type name used in decode errors (e.g. "int32", "ServiceBackendPort").</summary>
    public string GoType { get; }

    /// <summary>The known fields of a struct.</summary>
    public IReadOnlyDictionary<string, SchemaNode>? Fields { get; }

    /// <summary>The element of a list or the value of a map.</summary>
    public SchemaNode? Items { get; }

    /// <summary>A JSON string.</summary>
    public static SchemaNode Text { get; } = new(SchemaShape.String, "string", null, null);

    /// <summary>A JSON integer (int32).</summary>
    public static SchemaNode Number32 { get; } = new(SchemaShape.Integer, "int32", null, null);

    /// <summary>A JSON integer (int64).</summary>
    public static SchemaNode Number64 { get; } = new(SchemaShape.Integer, "int64", null, null);

    /// <summary>A JSON boolean.</summary>
    public static SchemaNode Flag { get; } = new(SchemaShape.Boolean, "bool", null, null);

    /// <summary>An int or a string (intstr.IntOrString).</summary>
    public static SchemaNode IntOrString { get; } = new(SchemaShape.IntOrString, "intstr.IntOrString", null, null);

    /// <summary>Anything (fields this emulator does not check).</summary>
    public static SchemaNode Any { get; } = new(SchemaShape.Any, "interface {}", null, null);

    /// <summary>map[string]string.</summary>
    public static SchemaNode StringMap { get; } = new(SchemaShape.Map, "map[string]string", null, Text);

    /// <summary>[]string.</summary>
    public static SchemaNode StringList { get; } = new(SchemaShape.List, "[]string", null, Text);

    /// <summary>A Go struct with the given fields.</summary>
    public static SchemaNode Struct(string goType, params (string Name, SchemaNode Node)[] fields) =>
        new(SchemaShape.Struct, goType, fields.ToDictionary(f => f.Name, f => f.Node, StringComparer.Ordinal), null);

    /// <summary>A list of <paramref name="items"/>.</summary>
    public static SchemaNode ListOf(SchemaNode items) => new(SchemaShape.List, "[]" + items.GoType, null, items);
}
