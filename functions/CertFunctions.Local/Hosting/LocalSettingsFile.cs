using System.Text.Json;

namespace CertFunctions.Local.Hosting;

/// <summary>Reads the <c>Values</c> of a Functions <c>local.settings.json</c>, so one settings file serves both hosts.</summary>
public static class LocalSettingsFile
{
    /// <summary>Returns the values as configuration keys ('__' becomes ':').</summary>
    public static IReadOnlyDictionary<string, string?> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The settings file '{path}' does not exist.", path);
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"The settings file '{path}' has no \"Values\" object.");
        }

        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in values.EnumerateObject())
        {
            settings[property.Name.Replace("__", ":", StringComparison.Ordinal)] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Null => null,
                _ => property.Value.GetRawText(),
            };
        }

        return settings;
    }
}
