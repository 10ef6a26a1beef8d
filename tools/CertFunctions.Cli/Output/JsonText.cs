using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CertFunctions.Cli.Output;

/// <summary>Small readers and writers for the API's JSON.</summary>
internal static class JsonText
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The node indented, for <c>--output json</c>.</summary>
    public static string Pretty(JsonNode? node) => node?.ToJsonString(Indented) ?? "null";

    /// <summary>A string property, or null.</summary>
    public static string? Text(JsonNode? node, string name) => node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A timestamp property as "yyyy-MM-dd HH:mm UTC", or null.</summary>
    public static string? Time(JsonNode? node, string name)
        => Text(node, name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : null;

    /// <summary>A string array property joined with commas, or null.</summary>
    public static string? List(JsonNode? node, string name)
        => node is JsonObject o && o[name] is JsonArray a ? string.Join(",", a.Select(x => x?.ToString())) : null;

    /// <summary>The object's name (Ingress or, once the API serves them, Gateway) and its kind.</summary>
    public static (string Kind, string? Name) ObjectOf(JsonNode? certificate)
        => Text(certificate, "gateway") is { } gateway ? ("Gateway", gateway) : ("Ingress", Text(certificate, "ingress") ?? Text(certificate, "name"));
}
