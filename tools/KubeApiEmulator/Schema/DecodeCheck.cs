using System.Text.Json;
using System.Text.Json.Nodes;
using KubeApiEmulator.Api;
using KubeApiEmulator.Discovery;

namespace KubeApiEmulator.Schema;

/// <summary>
/// What the real server's decoder does with a request object: a value of the wrong JSON type is a 400
/// ("cannot unmarshal string into Go struct field ..."), and unknown fields are dropped with a warning
/// (fieldValidation=Warn, the default), dropped silently (Ignore) or rejected (Strict, what kubectl sends).
/// </summary>
internal static class DecodeCheck
{
    /// <summary>Checks and prunes <paramref name="obj"/> in place, adding warnings to <paramref name="options"/>.</summary>
    /// <exception cref="StatusException">400 for a type mismatch, or for unknown fields under Strict.</exception>
    public static void Apply(ResourceType type, JsonObject obj, RequestOptions options) =>
        Apply(type, obj, options, detail => StatusObjects.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: {detail}"));

    /// <summary>
    /// Checks the object a JSON patch produced: the patch handler decodes it itself and reports a failure as 422 Invalid
    /// with the patched document and the decoder's error on the field <c>patch</c>, not as the 400 of a request body.
    /// </summary>
    public static void ApplyToJsonPatchResult(ResourceType type, JsonObject obj, RequestOptions options)
    {
        var document = obj.ToJsonString();
        Apply(type, obj, options, detail => Validation.InvalidStatus.Create(string.Empty, string.Empty, string.Empty, [Validation.FieldError.Invalid("patch", document, detail)]));
    }

    private static void Apply(ResourceType type, JsonObject obj, RequestOptions options, Func<string, StatusException> reject)
    {
        var schema = TypeSchemas.For(type.Group, type.Kind);
        if (schema is null)
        {
            return;
        }

        var unknown = new List<string>();
        try
        {
            Walk(obj, schema, string.Empty, string.Empty, "Object", unknown, prune: options.FieldValidation != FieldValidation.Strict);
        }
        catch (TypeMismatchException ex)
        {
            throw reject(ex.Message);
        }

        if (unknown.Count == 0)
        {
            return;
        }

        switch (options.FieldValidation)
        {
            case FieldValidation.Strict:
                throw reject("strict decoding error: " + string.Join(", ", unknown.Select(u => $"unknown field \"{u}\"")));
            case FieldValidation.Warn:
                options.Warnings.AddRange(unknown.Select(u => $"unknown field \"{u}\""));
                break;
        }
    }

    private static void Walk(JsonNode? node, SchemaNode schema, string path, string goPath, string parentStruct, List<string> unknown, bool prune)
    {
        if (node is null || schema.Shape == SchemaShape.Any)
        {
            return;
        }

        switch (schema.Shape)
        {
            case SchemaShape.Struct:
                {
                    var obj = node as JsonObject ?? throw Mismatch(node, parentStruct, goPath, schema);
                    foreach (var (name, value) in obj.ToList())
                    {
                        var childPath = path.Length == 0 ? name : path + "." + name;
                        if (schema.Fields!.TryGetValue(name, out var field))
                        {
                            Walk(value, field, childPath, goPath.Length == 0 ? name : goPath + "." + name, schema.GoType, unknown, prune);
                        }
                        else
                        {
                            unknown.Add(childPath);
                            if (prune)
                            {
                                obj.Remove(name);
                            }
                        }
                    }

                    break;
                }

            case SchemaShape.List:
                {
                    var array = node as JsonArray ?? throw Mismatch(node, parentStruct, goPath, schema);
                    for (var i = 0; i < array.Count; i++)
                    {
                        Walk(array[i], schema.Items!, $"{path}[{i}]", goPath, parentStruct, unknown, prune);
                    }

                    break;
                }

            case SchemaShape.Map:
                {
                    var map = node as JsonObject ?? throw Mismatch(node, parentStruct, goPath, schema);
                    foreach (var (_, value) in map)
                    {
                        Walk(value, schema.Items!, path, goPath, parentStruct, unknown, prune);
                    }

                    break;
                }

            default:
                {
                    var kind = node.GetValueKind();
                    var fits = schema.Shape switch
                    {
                        SchemaShape.String => kind == JsonValueKind.String,
                        SchemaShape.Boolean => kind is JsonValueKind.True or JsonValueKind.False,
                        SchemaShape.Integer => kind == JsonValueKind.Number && IsInteger(node),
                        SchemaShape.IntOrString => kind == JsonValueKind.String || (kind == JsonValueKind.Number && IsInteger(node)),
                        _ => true,
                    };
                    if (!fits)
                    {
                        throw Mismatch(node, parentStruct, goPath, schema);
                    }

                    break;
                }
        }
    }

    private static bool IsInteger(JsonNode node) => node.AsValue().TryGetValue<long>(out _) || (node.AsValue().TryGetValue<double>(out var d) && d == Math.Floor(d));

    private static TypeMismatchException Mismatch(JsonNode node, string parentStruct, string goPath, SchemaNode schema)
    {
        var jsonKind = node.GetValueKind() switch
        {
            JsonValueKind.Object => "object",
            JsonValueKind.Array => "array",
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            _ => "bool",
        };
        var target = schema.GoType;
        return new TypeMismatchException(goPath.Length == 0
            ? $"json: cannot unmarshal {jsonKind} into Go value of type {target}"
            : $"json: cannot unmarshal {jsonKind} into Go struct field {parentStruct}.{goPath} of type {target}");
    }

    private sealed class TypeMismatchException(string message) : Exception(message);
}
