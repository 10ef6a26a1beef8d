using KubeApiEmulator.Validation;

namespace KubeApiEmulator.Api;

/// <summary>Reads fieldManager and force as the real server does, defaulting the manager from the User-Agent.</summary>
internal static class FieldManagerOptions
{
    /// <summary>The media type of a server-side apply patch.</summary>
    public const string ApplyPatchMediaType = "application/apply-patch+yaml";

    private const int MaxManagerLength = 128;

    /// <summary>Sets <see cref="RequestOptions.FieldManager"/> and <see cref="RequestOptions.Force"/> for a write request.</summary>
    /// <exception cref="StatusException">422 on the options kind: no fieldManager on an apply, force on another patch, a too long manager.</exception>
    public static void Read(HttpRequest http, string verb, string patchMediaType, RequestOptions options)
    {
        var apply = verb == "patch" && patchMediaType == ApplyPatchMediaType;
        var given = http.Query["fieldManager"].ToString();
        var forceText = http.Query["force"].ToString();
        var errors = new List<FieldError>();
        if (verb == "patch" && !apply && forceText.Length > 0)
        {
            errors.Add(new FieldError("FieldValueForbidden", "force", null, "may not be specified for non-apply patch"));
        }

        if (apply && given.Length == 0)
        {
            errors.Add(new FieldError("FieldValueRequired", "fieldManager", null, "is required for apply patch"));
        }

        if (given.Length > MaxManagerLength)
        {
            errors.Add(new FieldError("FieldValueTooLong", "fieldManager", null, $"may not be more than {MaxManagerLength} bytes"));
        }

        if (errors.Count > 0)
        {
            throw InvalidStatus.Options(verb switch { "create" => "CreateOptions", "update" => "UpdateOptions", _ => "PatchOptions" }, errors);
        }

        // Without fieldManager the server names the writer by its User-Agent up to the first '/'.
        var manager = given.Length > 0 ? given : http.Headers.UserAgent.ToString().Split('/', 2)[0];
        options.FieldManager = manager.Length > MaxManagerLength ? manager[..MaxManagerLength] : manager;
        options.Force = apply && string.Equals(forceText, "true", StringComparison.OrdinalIgnoreCase);
    }
}
