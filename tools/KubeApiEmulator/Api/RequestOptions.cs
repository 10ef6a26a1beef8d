using Microsoft.Extensions.Primitives;

namespace KubeApiEmulator.Api;

/// <summary>The options of one write request (dryRun, fieldValidation) and the warnings it produced.</summary>
internal sealed class RequestOptions
{
    /// <summary>True for dryRun=All: validate and answer, store nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>How unknown fields are treated.</summary>
    public FieldValidation FieldValidation { get; init; } = FieldValidation.Warn;

    /// <summary>Warnings for the Warning response header.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Options for internal writes (seeding): no dry run, unknown fields rejected.</summary>
    public static RequestOptions Internal() => new() { FieldValidation = FieldValidation.Strict };

    /// <summary>Reads dryRun and fieldValidation from a query string.</summary>
    /// <exception cref="StatusException">400 for an unknown directive.</exception>
    public static RequestOptions From(StringValues dryRun, StringValues fieldValidation)
    {
        var directive = fieldValidation.ToString();
        var validation = directive switch
        {
            "" or "Warn" => FieldValidation.Warn,
            "Ignore" => FieldValidation.Ignore,
            "Strict" => FieldValidation.Strict,
            _ => throw StatusObjects.BadRequest($"fieldValidation must be one of \"Ignore\", \"Warn\" or \"Strict\", got \"{directive}\""),
        };
        var dry = dryRun.ToString();
        if (dry.Length > 0 && dry != "All")
        {
            throw StatusObjects.BadRequest($"Invalid dry run value: {dry}");
        }

        return new RequestOptions { DryRun = dry == "All", FieldValidation = validation };
    }
}
