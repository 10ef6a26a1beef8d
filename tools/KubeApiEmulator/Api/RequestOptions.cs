using KubeApiEmulator.Validation;
using Microsoft.Extensions.Primitives;

namespace KubeApiEmulator.Api;

/// <summary>The options of one write request (dryRun, fieldValidation) and the warnings it produced.</summary>
internal sealed class RequestOptions
{
    /// <summary>True for dryRun=All: validate and answer, store nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>How unknown fields are treated.</summary>
    public FieldValidation FieldValidation { get; init; } = FieldValidation.Warn;

    /// <summary>The field manager the write is recorded under in managedFields; null for internal writes (not recorded).</summary>
    public string? FieldManager { get; set; }

    /// <summary>force=true on an apply patch: take conflicting fields from their managers.</summary>
    public bool Force { get; set; }

    /// <summary>Who writes (sent to admission webhooks); null for the emulator's own writes.</summary>
    public Security.UserInfo? User { get; set; }

    /// <summary>Warnings for the Warning response header.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Options for internal writes (seeding): no dry run, unknown fields rejected.</summary>
    public static RequestOptions Internal() => new() { FieldValidation = FieldValidation.Strict };

    /// <summary>Reads dryRun and fieldValidation from the query string of a <paramref name="verb"/> request.</summary>
    /// <exception cref="StatusException">422 Invalid on CreateOptions/UpdateOptions/PatchOptions/DeleteOptions for an unsupported value.</exception>
    public static RequestOptions From(string verb, StringValues dryRun, StringValues fieldValidation)
    {
        var errors = new List<FieldError>();
        var dry = dryRun.Where(v => v is not null).Select(v => v!).ToList();
        if (dry.Any(v => v != "All"))
        {
            // The server prints the []string value with Go's %#v.
            var printed = "[]string{" + string.Join(", ", dry.Select(FieldError.Quote)) + "}";
            errors.Add(new FieldError("FieldValueNotSupported", "dryRun", printed, "supported values: \"All\""));
        }

        var directive = fieldValidation.ToString();
        var validation = directive switch
        {
            "" or "Warn" => FieldValidation.Warn,
            "Ignore" => FieldValidation.Ignore,
            "Strict" => FieldValidation.Strict,
            _ => (FieldValidation?)null,
        };

        // DeleteOptions has no fieldValidation; the server ignores the parameter there.
        var deleting = verb is "delete" or "deletecollection";
        if (validation is null && !deleting)
        {
            errors.Add(FieldError.NotSupported("fieldValidation", directive, ["", "Ignore", "Strict", "Warn"]));
        }

        if (errors.Count > 0)
        {
            throw InvalidStatus.Options(OptionsKind(verb), errors);
        }

        return new RequestOptions { DryRun = dry.Count > 0, FieldValidation = validation ?? FieldValidation.Warn };
    }

    private static string OptionsKind(string verb) => verb switch
    {
        "create" => "CreateOptions",
        "update" => "UpdateOptions",
        "patch" => "PatchOptions",
        _ => "DeleteOptions",
    };
}
