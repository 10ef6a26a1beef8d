using System.Text.Json.Nodes;

namespace KubeApiEmulator.Validation;

/// <summary>ValidateOwnerReferences: each reference needs apiVersion (with a version), kind, name and uid.</summary>
internal static class OwnerReferenceValidator
{
    /// <summary>Adds the errors of <c>metadata.ownerReferences</c>; the server reports them without an index.</summary>
    public static void Validate(ValidationContext context)
    {
        if (context.Object.Metadata()["ownerReferences"] is not JsonArray references)
        {
            return;
        }

        const string path = "metadata.ownerReferences";
        foreach (var reference in references)
        {
            var apiVersion = reference.GetString("apiVersion") ?? string.Empty;
            var version = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[(apiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..] : apiVersion;
            if (version.Length == 0)
            {
                context.Add(FieldError.Invalid(path + ".apiVersion", apiVersion, "version must not be empty"));
            }

            if (string.IsNullOrEmpty(reference.GetString("kind")))
            {
                context.Add(FieldError.Invalid(path + ".kind", string.Empty, "kind must not be empty"));
            }

            if (string.IsNullOrEmpty(reference.GetString("name")))
            {
                context.Add(FieldError.Invalid(path + ".name", string.Empty, "name must not be empty"));
            }

            if (string.IsNullOrEmpty(reference.GetString("uid")))
            {
                context.Add(FieldError.Invalid(path + ".uid", string.Empty, "uid must not be empty"));
            }
        }
    }
}
