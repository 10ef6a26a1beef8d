using System.Text.Json;

namespace CertFunctions.Cli.Settings;

/// <summary>The small JSON config file: <c>{"url": "https://…", "key": "…"}</c>.</summary>
/// <param name="Url">The app's base URL.</param>
/// <param name="Key">The function key.</param>
internal sealed record ConfigFile(string? Url, string? Key)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The default location: <c>$XDG_CONFIG_HOME/certfunctions/config.json</c>, else <c>~/.config/certfunctions/config.json</c>.</summary>
    public static string DefaultPath(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var configHome = environment("XDG_CONFIG_HOME");
        if (string.IsNullOrEmpty(configHome))
        {
            configHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        }

        return Path.Combine(configHome, "certfunctions", "config.json");
    }

    /// <summary>Reads the file; null when it does not exist. A file that is not valid JSON is a usage error.</summary>
    public static async Task<ConfigFile?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var stream = File.OpenRead(path);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync<ConfigFile>(stream, Json, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException ex)
        {
            // The message names the line; never the content, which may hold the key.
            throw new UsageException($"The config file {path} is not valid JSON (line {ex.LineNumber + 1}).", ex);
        }
    }
}
