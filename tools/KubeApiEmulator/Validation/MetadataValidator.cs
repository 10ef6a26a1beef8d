using System.Text;
using System.Text.Json.Nodes;
using KubeApiEmulator.Discovery;

namespace KubeApiEmulator.Validation;

/// <summary>ValidateObjectMeta: name, labels and annotations.</summary>
internal static class MetadataValidator
{
    private const int TotalAnnotationSizeLimit = 256 * 1024;

    /// <summary>Checks metadata of <paramref name="context"/>'s object with the name rule of <paramref name="type"/>.</summary>
    public static void Validate(ResourceType type, ValidationContext context)
    {
        var metadata = context.Object.Metadata();
        var name = metadata.GetString("name") ?? string.Empty;
        if (name.Length == 0)
        {
            context.Add(FieldError.Required("metadata.name", "name or generateName is required"));
        }
        else
        {
            context.AddInvalid("metadata.name", name, NameRule(type)(name));
        }

        foreach (var (key, value) in metadata["labels"].StringMap())
        {
            context.AddInvalid("metadata.labels", key, NameRules.QualifiedName(key));
            context.AddInvalid("metadata.labels", value, NameRules.LabelValue(value));
        }

        var annotations = metadata["annotations"].StringMap();
        var total = 0;
        foreach (var (key, value) in annotations)
        {
            context.AddInvalid("metadata.annotations", key, NameRules.QualifiedName(key.ToLowerInvariant()));
            total += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value);
        }

        if (total > TotalAnnotationSizeLimit)
        {
            context.Add(FieldError.TooLong("metadata.annotations", TotalAnnotationSizeLimit));
        }

        OwnerReferenceValidator.Validate(context);
        FinalizerRules.Validate(context);
        if (context.Old is JsonObject old && old.GetString("metadata", "name") != name)
        {
            context.Add(FieldError.Invalid("metadata.name", name, "field is immutable"));
        }
    }

    /// <summary>The name rule of a kind: RFC 1123 label for Namespaces, RFC 1035 label for Services, RFC 1123 subdomain otherwise.</summary>
    public static Func<string, List<string>> NameRule(ResourceType type) => type.Kind switch
    {
        "Namespace" => NameRules.Dns1123Label,
        "Service" => NameRules.Dns1035Label,
        "Role" or "ClusterRole" or "RoleBinding" or "ClusterRoleBinding" => PathSegmentName,
        _ => NameRules.Dns1123Subdomain,
    };

    // RBAC objects only need a name that is a valid path segment, so "system:discovery" is fine.
    private static List<string> PathSegmentName(string name) =>
        name is "." or ".." ? [$"may not be '{name}'"]
        : name.Contains('/', StringComparison.Ordinal) ? ["may not contain '/'"]
        : name.Contains('%', StringComparison.Ordinal) ? ["may not contain '%'"]
        : [];
}
