using System.Globalization;
using System.Text.Json.Nodes;

namespace KubeApiEmulator.Validation;

/// <summary>One validation failure, worded like k8s.io/apimachinery/pkg/util/validation/field.Error.</summary>
/// <param name="Type">The StatusCause reason (FieldValueRequired, FieldValueInvalid, ...).</param>
/// <param name="Field">The field path, e.g. spec.rules[0].host.</param>
/// <param name="ValueText">The offending value as Go prints it, or null when the error shows none.</param>
/// <param name="Detail">The explanation.</param>
internal sealed record FieldError(string Type, string Field, string? ValueText, string Detail)
{
    /// <summary>"Required value: detail" and the like, without the field path.</summary>
    public string Body
    {
        get
        {
            var text = Type switch
            {
                "FieldValueRequired" => "Required value",
                "FieldValueInvalid" or "FieldValueTypeInvalid" => "Invalid value",
                "FieldValueTooMany" => "Too many",
                "FieldValueNotSupported" => "Unsupported value",
                "FieldValueDuplicate" => "Duplicate value",
                "FieldValueForbidden" => "Forbidden",
                "FieldValueTooLong" => "Too long",
                _ => "Internal error",
            };
            if (ValueText is not null)
            {
                text += ": " + ValueText;
            }

            if (Detail.Length > 0)
            {
                text += ": " + Detail;
            }

            return text;
        }
    }

    /// <summary>"field: body", as in the Invalid message.</summary>
    public override string ToString() => Field + ": " + Body;

    /// <summary>The StatusCause of this error.</summary>
    public JsonObject ToCause() => new() { ["reason"] = Type, ["message"] = Body, ["field"] = Field };

    /// <summary>field.Required.</summary>
    public static FieldError Required(string field, string detail = "") => new("FieldValueRequired", field, null, detail);

    /// <summary>field.Invalid with a string value (printed quoted).</summary>
    public static FieldError Invalid(string field, string value, string detail) => new("FieldValueInvalid", field, Quote(value), detail);

    /// <summary>field.Invalid with a number.</summary>
    public static FieldError Invalid(string field, long value, string detail) =>
        new("FieldValueInvalid", field, value.ToString(CultureInfo.InvariantCulture), detail);

    /// <summary>field.Invalid with a value already formatted the way Go prints it.</summary>
    public static FieldError InvalidRaw(string field, string valueText, string detail) => new("FieldValueInvalid", field, valueText, detail);

    /// <summary>field.NotSupported.</summary>
    public static FieldError NotSupported(string field, string value, IEnumerable<string> supported) =>
        new("FieldValueNotSupported", field, Quote(value), "supported values: " + string.Join(", ", supported.Select(Quote)));

    /// <summary>field.Duplicate.</summary>
    public static FieldError Duplicate(string field, string value) => new("FieldValueDuplicate", field, Quote(value), "");

    /// <summary>field.Forbidden.</summary>
    public static FieldError Forbidden(string field, string detail) => new("FieldValueForbidden", field, null, detail);

    /// <summary>field.TooLong.</summary>
    public static FieldError TooLong(string field, int max) =>
        new("FieldValueTooLong", field, null, string.Create(CultureInfo.InvariantCulture, $"must have at most {max} bytes"));

    /// <summary>A string quoted the way Go's %q does for printable text.</summary>
    public static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value, JsonText.Options);
}
