using System.Text.Json.Nodes;
using KubeApiEmulator.Api;
using KubeApiEmulator.Discovery;

namespace KubeApiEmulator.Validation;

/// <summary>Turns field errors into the 422 Invalid Status of the real server.</summary>
internal static class ValidationErrors
{
    /// <summary>Throws 422 Invalid when <paramref name="errors"/> is not empty.</summary>
    /// <exception cref="StatusException">The object is invalid.</exception>
    public static void ThrowIfAny(ResourceType type, string name, IReadOnlyList<FieldError> errors)
    {
        if (errors.Count == 0)
        {
            return;
        }

        var summary = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors) + "]";
        var causes = new JsonArray();
        foreach (var error in errors)
        {
            causes.Add(error.ToCause());
        }

        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Kind;
        details["causes"] = causes;
        throw new StatusException(422, "Invalid", $"{type.QualifiedKind} \"{name}\" is invalid: {summary}", details);
    }
}
