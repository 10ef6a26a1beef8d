using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeApiEmulator.Admission;

/// <summary>CEL values over JSON: null, bool, long, double, string, map (JsonObject) and list (JsonArray).</summary>
internal static class CelValues
{
    /// <summary>A JSON node as a CEL value.</summary>
    public static object? FromNode(JsonNode? node) => node switch
    {
        null => null,
        // Typed as object: JsonNode's implicit conversions would otherwise turn the primitives back into nodes.
        JsonObject or JsonArray => (object)node,
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => (object)value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => value.TryGetValue<long>(out var l) ? l : (object)value.GetValue<double>(),
            _ => null,
        },
        _ => null,
    };

    /// <summary>The CEL type name of a value, for messages.</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "null_type",
        bool => "bool",
        long => "int",
        double => "double",
        string => "string",
        JsonObject => "map",
        JsonArray => "list",
        _ => value.GetType().Name,
    };

    /// <summary>CEL equality (heterogeneous values are unequal, numbers compare by value).</summary>
    public static bool Equal(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (long a, double b) => a == b,
        (double a, long b) => a == b,
        (JsonNode a, JsonNode b) => JsonNode.DeepEquals(a, b),
        _ => left.Equals(right),
    };

    /// <summary>Orders two ints, doubles or strings.</summary>
    public static int Compare(object? left, object? right) => (left, right) switch
    {
        (long a, long b) => a.CompareTo(b),
        (long a, double b) => ((double)a).CompareTo(b),
        (double a, long b) => a.CompareTo(b),
        (double a, double b) => a.CompareTo(b),
        (string a, string b) => string.CompareOrdinal(a, b),
        _ => throw new CelException($"no such overload: {TypeName(left)} < {TypeName(right)}"),
    };

    /// <summary>Selects a field or key: an error when it is missing, as CEL does.</summary>
    public static object? Select(object? target, object? key) => (target, key) switch
    {
        (JsonObject map, string name) => map.TryGetPropertyValue(name, out var value)
            ? FromNode(value)
            : throw new CelException($"no such key: {name}"),
        (JsonArray list, long index) => index >= 0 && index < list.Count
            ? FromNode(list[(int)index])
            : throw new CelException($"index out of bounds: {index}"),
        _ => throw new CelException($"no such overload: {TypeName(target)}[{TypeName(key)}]"),
    };

    /// <summary>True when <paramref name="key"/> is in a map's keys or a list's values.</summary>
    public static bool In(object? key, object? container) => container switch
    {
        JsonObject map when key is string name => map.ContainsKey(name),
        JsonArray list => list.Any(item => Equal(FromNode(item), key)),
        _ => throw new CelException($"no such overload: {TypeName(key)} in {TypeName(container)}"),
    };

    /// <summary>size() of a string, list or map.</summary>
    public static long Size(object? value) => value switch
    {
        string s => new StringInfo(s).LengthInTextElements,
        JsonArray list => list.Count,
        JsonObject map => map.Count,
        _ => throw new CelException($"no such overload: size({TypeName(value)})"),
    };

    /// <summary>Requires a bool.</summary>
    public static bool Bool(object? value) =>
        value is bool b ? b : throw new CelException($"no such overload: expected bool, got {TypeName(value)}");
}
