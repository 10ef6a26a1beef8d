namespace CertFunctions.Cli.Settings;

/// <summary>
/// Resolves the URL and the key, each on its own, from the options, then the environment
/// (<c>CERTFUNCTIONS_URL</c>, <c>CERTFUNCTIONS_KEY</c>), then the config file.
/// </summary>
/// <param name="environment">Reads an environment variable (injectable for tests).</param>
internal sealed class ConnectionResolver(Func<string, string?> environment)
{
    /// <summary>Environment variable holding the URL.</summary>
    public const string UrlVariable = "CERTFUNCTIONS_URL";

    /// <summary>Environment variable holding the key.</summary>
    public const string KeyVariable = "CERTFUNCTIONS_KEY";

    /// <summary>Resolves the settings; throws <see cref="UsageException"/> when no URL is given anywhere or it is not absolute http(s).</summary>
    public async Task<ConnectionSettings> ResolveAsync(string? urlOption, string? keyOption, string? configPath, CancellationToken cancellationToken)
    {
        // An explicit --config that does not exist is a mistake; the default one is optional.
        var path = configPath ?? ConfigFile.DefaultPath(environment);
        var file = await ConfigFile.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (file is null && configPath is not null)
        {
            throw new UsageException($"The config file {configPath} does not exist.");
        }

        var url = FirstGiven(urlOption, environment(UrlVariable), file?.Url)
            ?? throw new UsageException($"No API URL: pass --url, set {UrlVariable}, or put \"url\" in {path}.");
        var key = FirstGiven(keyOption, environment(KeyVariable), file?.Key);

        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            throw new UsageException("The API URL must be an absolute http or https URL, e.g. https://certs.example.net.");
        }

        return new ConnectionSettings(baseUrl, key);
    }

    private static string? FirstGiven(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
