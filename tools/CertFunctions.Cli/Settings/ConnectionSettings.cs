namespace CertFunctions.Cli.Settings;

/// <summary>Where the API is and the function key to send (null when the server needs none).</summary>
/// <param name="BaseUrl">The app's base URL, e.g. https://certs.example.net/.</param>
/// <param name="Key">The function key; never printed.</param>
internal sealed record ConnectionSettings(Uri BaseUrl, string? Key)
{
    /// <summary>The URL for display: scheme, host and path only, so a key given as <c>?code=</c> is never shown.</summary>
    public string DisplayUrl => BaseUrl.GetLeftPart(UriPartial.Path);
}
