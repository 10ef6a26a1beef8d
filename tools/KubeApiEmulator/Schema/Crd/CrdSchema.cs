using System.Text.Json.Nodes;

namespace KubeApiEmulator.Schema.Crd;

/// <summary>One node of a CRD's structural OpenAPI v3 schema: type, constraints, default and validation rules.</summary>
internal sealed record CrdSchema(CrdType Type)
{
    /// <summary>The properties of an object.</summary>
    public IReadOnlyDictionary<string, CrdSchema> Properties { get; init; } = new Dictionary<string, CrdSchema>(StringComparer.Ordinal);

    /// <summary>The element schema of an array.</summary>
    public CrdSchema? Items { get; init; }

    /// <summary>Required properties of an object.</summary>
    public IReadOnlyList<string> Required { get; init; } = [];

    /// <summary>Allowed values (strings or integers, as JSON).</summary>
    public IReadOnlyList<JsonNode>? Enum { get; init; }

    /// <summary>A regular expression a string must match.</summary>
    public string? Pattern { get; init; }

    /// <summary>Minimum string length.</summary>
    public int? MinLength { get; init; }

    /// <summary>Maximum string length.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Minimum integer.</summary>
    public long? Minimum { get; init; }

    /// <summary>Maximum integer.</summary>
    public long? Maximum { get; init; }

    /// <summary>Minimum number of array items.</summary>
    public int? MinItems { get; init; }

    /// <summary>Maximum number of array items.</summary>
    public int? MaxItems { get; init; }

    /// <summary>Maximum number of map entries.</summary>
    public int? MaxProperties { get; init; }

    /// <summary>Maximum length of each map value.</summary>
    public int? MaxValueLength { get; init; }

    /// <summary>The default applied when the property is missing.</summary>
    public JsonNode? Default { get; init; }

    /// <summary>x-kubernetes-list-map-keys of an array of type map.</summary>
    public IReadOnlyList<string>? ListMapKeys { get; init; }

    /// <summary>x-kubernetes-validations.</summary>
    public IReadOnlyList<CelRule> Rules { get; init; } = [];

    /// <summary>The OpenAPI type name, as CEL errors print it ("object", "array", "string").</summary>
    public string TypeName => Type switch
    {
        CrdType.Object or CrdType.StringMap => "object",
        CrdType.Array => "array",
        CrdType.String => "string",
        CrdType.Integer => "integer",
        CrdType.Boolean => "boolean",
        _ => "object",
    };
}
