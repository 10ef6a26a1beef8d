using System.Text.Json.Nodes;
using KubeApiEmulator.Api;

namespace KubeApiEmulator.Validation;

/// <summary>The 422 Invalid Status of errors.NewInvalid: "Kind.group "name" is invalid: ..." with one cause per field error.</summary>
internal static class InvalidStatus
{
    /// <summary>Builds the error for a group/kind and name (each left out of the details when empty, as the server omits them).</summary>
    public static StatusException Create(string group, string kind, string name, IReadOnlyList<FieldError> errors)
    {
        var summary = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors) + "]";
        var causes = new JsonArray();
        foreach (var error in errors)
        {
            causes.Add(error.ToCause());
        }

        var details = new JsonObject();
        if (name.Length > 0)
        {
            details["name"] = name;
        }

        if (group.Length > 0)
        {
            details["group"] = group;
        }

        if (kind.Length > 0)
        {
            details["kind"] = kind;
        }

        details["causes"] = causes;
        var qualifiedKind = group.Length == 0 ? kind : kind + "." + group;
        return new StatusException(422, "Invalid", $"{qualifiedKind} \"{name}\" is invalid: {summary}", details);
    }

    /// <summary>An invalid request option (ListOptions, CreateOptions, ...), reported under meta.k8s.io with an empty name.</summary>
    public static StatusException Options(string kind, IReadOnlyList<FieldError> errors) => Create("meta.k8s.io", kind, string.Empty, errors);
}
