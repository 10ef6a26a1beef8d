using System.Text.Json.Nodes;

namespace KubeApiEmulator.Schema.Crd;

/// <summary>Short constructors for CRD schemas, so a kind's schema reads like its CRD.</summary>
internal static class CrdSchemaBuilder
{
    /// <summary>A string with optional length limits and pattern.</summary>
    public static CrdSchema Str(int? maxLength = null, int? minLength = null, string? pattern = null) =>
        new(CrdType.String) { MaxLength = maxLength, MinLength = minLength, Pattern = pattern };

    /// <summary>A string limited to <paramref name="values"/>.</summary>
    public static CrdSchema Enum(params string[] values) => new(CrdType.String) { Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))] };

    /// <summary>An integer between <paramref name="minimum"/> and <paramref name="maximum"/>.</summary>
    public static CrdSchema Int(long? minimum = null, long? maximum = null) => new(CrdType.Integer) { Minimum = minimum, Maximum = maximum };

    /// <summary>A boolean.</summary>
    public static CrdSchema Bool() => new(CrdType.Boolean);

    /// <summary>Anything (not checked).</summary>
    public static CrdSchema Anything() => new(CrdType.Any);

    /// <summary>A map of strings.</summary>
    public static CrdSchema StrMap(int? maxProperties = null, int? maxValueLength = null) =>
        new(CrdType.StringMap) { MaxProperties = maxProperties, MaxValueLength = maxValueLength };

    /// <summary>An object with properties.</summary>
    public static CrdSchema Obj(params (string Name, CrdSchema Schema)[] properties) =>
        new(CrdType.Object) { Properties = properties.ToDictionary(p => p.Name, p => p.Schema, StringComparer.Ordinal) };

    /// <summary>An array of <paramref name="items"/>.</summary>
    public static CrdSchema Arr(CrdSchema items, int? maxItems = null, int? minItems = null) =>
        new(CrdType.Array) { Items = items, MaxItems = maxItems, MinItems = minItems };

    /// <summary>The schema with required properties.</summary>
    public static CrdSchema Requires(this CrdSchema schema, params string[] names) => schema with { Required = names };

    /// <summary>The schema with a default (given as JSON text).</summary>
    public static CrdSchema Defaults(this CrdSchema schema, string json) => schema with { Default = JsonNode.Parse(json) };

    /// <summary>The schema with one more validation rule.</summary>
    public static CrdSchema Rule(this CrdSchema schema, string message, Func<JsonNode, bool> holds) =>
        schema with { Rules = [.. schema.Rules, new CelRule(message, (self, _) => holds(self))] };

    /// <summary>The schema with a transition rule (self == oldSelf and the like).</summary>
    public static CrdSchema TransitionRule(this CrdSchema schema, string message, Func<JsonNode, JsonNode, bool> holds) =>
        schema with { Rules = [.. schema.Rules, new CelRule(message, (self, old) => old is null || holds(self, old)) { IsTransition = true }] };

    /// <summary>The schema as an x-kubernetes-list-type: map keyed by <paramref name="keys"/>.</summary>
    public static CrdSchema MapList(this CrdSchema schema, params string[] keys) => schema with { ListMapKeys = keys };
}
