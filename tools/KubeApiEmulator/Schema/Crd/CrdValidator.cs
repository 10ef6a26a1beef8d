using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KubeApiEmulator.Validation;

namespace KubeApiEmulator.Schema.Crd;

/// <summary>
/// Validates a value against a CRD schema the way the apiextensions server does: OpenAPI checks first (type,
/// required, enum, pattern, lengths, bounds, item counts, list-map keys), then the x-kubernetes-validations rules,
/// with the real field paths and messages.
/// </summary>
internal static class CrdValidator
{
    /// <summary>Adds the errors of <paramref name="value"/> (at <paramref name="path"/>) to <paramref name="errors"/>.</summary>
    public static void Validate(JsonNode? value, JsonNode? old, CrdSchema schema, string path, List<FieldError> errors)
    {
        var found = new List<FieldError>();
        var rules = new List<FieldError>();
        Walk(value, old, schema, path, found, rules);
        errors.AddRange(found);

        // The real server skips every CEL rule once a value has the wrong type or an unsupported enum value, and says so.
        if (found.Any(e => e.Type is "FieldValueNotSupported" or "FieldValueTypeInvalid"))
        {
            errors.Add(new FieldError("FieldValueInvalid", "<nil>", "\"null\"",
                "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"));
        }
        else
        {
            errors.AddRange(rules);
        }
    }

    private static void Walk(JsonNode? value, JsonNode? old, CrdSchema schema, string path, List<FieldError> errors, List<FieldError> rules)
    {
        if (value is null || schema.Type == CrdType.Any)
        {
            return;
        }

        var actual = TypeOf(value);
        if (!Fits(schema.Type, actual))
        {
            errors.Add(TypeInvalid(path, actual, schema.TypeName));
            return;
        }

        switch (schema.Type)
        {
            case CrdType.Object:
                {
                    var obj = value.AsObject();
                    foreach (var name in schema.Required)
                    {
                        if (!obj.ContainsKey(name))
                        {
                            errors.Add(FieldError.Required(Child(path, name)));
                        }
                    }

                    foreach (var (name, property) in schema.Properties)
                    {
                        if (obj[name] is { } child)
                        {
                            Walk(child, (old as JsonObject)?[name], property, Child(path, name), errors, rules);
                        }
                    }

                    break;
                }

            case CrdType.StringMap:
                {
                    var map = value.AsObject();
                    if (schema.MaxProperties is int maxProperties && map.Count > maxProperties)
                    {
                        errors.Add(TooMany(path, map.Count, maxProperties));
                    }

                    foreach (var (key, entry) in map)
                    {
                        var entryPath = path + "[" + key + "]";
                        if (entry?.GetValueKind() != JsonValueKind.String)
                        {
                            var entryType = TypeOf(entry);
                            errors.Add(TypeInvalid(entryPath, entryType, "string"));
                        }
                        else if (schema.MaxValueLength is int maxValue && entry.GetValue<string>().Length > maxValue)
                        {
                            errors.Add(TooLong(entryPath, maxValue));
                        }
                    }

                    break;
                }

            case CrdType.Array:
                {
                    var array = value.AsArray();
                    if (schema.MaxItems is int maxItems && array.Count > maxItems)
                    {
                        errors.Add(TooMany(path, array.Count, maxItems));
                    }

                    if (schema.MinItems is int minItems && array.Count < minItems)
                    {
                        errors.Add(FieldError.Invalid(path, array.Count, $"{path} in body should have at least {minItems} items"));
                    }

                    for (var i = 0; i < array.Count; i++)
                    {
                        Walk(array[i], null, schema.Items!, $"{path}[{i}]", errors, rules);
                    }

                    if (schema.ListMapKeys is { } keys)
                    {
                        AddDuplicateKeys(array, keys, path, errors);
                    }

                    break;
                }

            case CrdType.String:
                CheckString(value.GetValue<string>(), schema, path, errors);
                break;
            case CrdType.Integer:
                // A seeded object holds CLR longs, a decoded request JsonElements: read either as a number.
                CheckInteger(value.AsValue().TryGetValue<long>(out var whole) ? whole : value.GetValue<double>(), schema, path, errors);
                break;
        }

        foreach (var rule in schema.Rules)
        {
            if (rule.IsTransition && old is null)
            {
                continue;
            }

            if (!rule.Holds(value, old))
            {
                rules.Add(FieldError.Invalid(path, schema.TypeName, rule.Message));
            }
        }
    }

    private static void CheckString(string text, CrdSchema schema, string path, List<FieldError> errors)
    {
        if (schema.Enum is { } allowed && !allowed.Any(a => a.GetValueKind() == JsonValueKind.String && a.GetValue<string>() == text))
        {
            errors.Add(FieldError.NotSupported(path, text, allowed.Select(a => a.GetValue<string>())));
            return;
        }

        if (schema.MaxLength is int maxLength && text.Length > maxLength)
        {
            errors.Add(TooLong(path, maxLength));
        }

        if (schema.MinLength is int minLength && text.Length < minLength)
        {
            errors.Add(FieldError.Invalid(path, text, $"{path} in body should be at least {minLength} chars long"));
        }

        if (schema.Pattern is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            errors.Add(FieldError.Invalid(path, text, $"{path} in body should match '{pattern}'"));
        }
    }

    private static void CheckInteger(double number, CrdSchema schema, string path, List<FieldError> errors)
    {
        var value = (long)number;
        if (schema.Enum is { } allowed && !allowed.Any(a => a.GetValueKind() == JsonValueKind.Number && a.GetValue<long>() == value))
        {
            errors.Add(new FieldError("FieldValueNotSupported", path, value.ToString(CultureInfo.InvariantCulture),
                "supported values: " + string.Join(", ", allowed.Select(a => FieldError.Quote(a.ToJsonString())))));
            return;
        }

        if (schema.Minimum is long minimum && value < minimum)
        {
            errors.Add(FieldError.Invalid(path, value, $"{path} in body should be greater than or equal to {minimum}"));
        }

        if (schema.Maximum is long maximum && value > maximum)
        {
            errors.Add(FieldError.Invalid(path, value, $"{path} in body should be less than or equal to {maximum}"));
        }
    }

    private static void AddDuplicateKeys(JsonArray array, IReadOnlyList<string> keys, string path, List<FieldError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject item)
            {
                continue;
            }

            var key = string.Join(", ", keys.Where(item.ContainsKey).Select(k => $"{FieldError.Quote(k)}:{GoValue(item[k])}"));
            if (!seen.Add(key))
            {
                errors.Add(new FieldError("FieldValueDuplicate", $"{path}[{i}]", "map[string]interface {}{" + key + "}", string.Empty));
            }
        }
    }

    private static string GoValue(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? FieldError.Quote(node.GetValue<string>()) : node?.ToJsonString() ?? "<nil>";

    private static FieldError TypeInvalid(string path, string actual, string expected) =>
        new("FieldValueTypeInvalid", path, FieldError.Quote(actual), $"{path} in body must be of type {expected}: \"{actual}\"");

    private static FieldError TooMany(string path, int actual, int max) =>
        new("FieldValueTooMany", path, actual.ToString(CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"must have at most {max} items"));

    private static FieldError TooLong(string path, int max) =>
        new("FieldValueTooLong", path, null, string.Create(CultureInfo.InvariantCulture, $"may not be more than {max} bytes"));

    private static string Child(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static bool Fits(CrdType expected, string actual) => expected switch
    {
        CrdType.Object or CrdType.StringMap => actual == "object",
        CrdType.Array => actual == "array",
        CrdType.String => actual == "string",
        CrdType.Integer => actual == "integer",
        CrdType.Boolean => actual == "boolean",
        _ => true,
    };

    private static string TypeOf(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => node.AsValue().TryGetValue<long>(out _) || Math.Floor(node.GetValue<double>()) == node.GetValue<double>() ? "integer" : "number",
        _ => "null",
    };
}
