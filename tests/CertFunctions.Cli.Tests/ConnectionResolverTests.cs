using CertFunctions.Cli.Settings;

namespace CertFunctions.Cli.Tests;

/// <summary>Where the URL and the key come from: option, then environment, then the config file, each on its own.</summary>
public sealed class ConnectionResolverTests : IDisposable
{
    private readonly DirectoryInfo _configHome = Directory.CreateTempSubdirectory("certfunctions-resolver-");
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public ConnectionResolverTests() => _environment["XDG_CONFIG_HOME"] = _configHome.FullName;

    public void Dispose() => _configHome.Delete(recursive: true);

    [Fact]
    public async Task An_option_beats_the_environment_which_beats_the_file()
    {
        await WriteConfigAsync("""{"url": "https://file.example.test", "key": "file-key"}""");
        _environment[ConnectionResolver.UrlVariable] = "https://env.example.test";
        _environment[ConnectionResolver.KeyVariable] = "env-key";

        var fromOptions = await ResolveAsync("https://option.example.test", "option-key");
        var fromEnvironment = await ResolveAsync(null, null);
        _environment.Remove(ConnectionResolver.UrlVariable);
        _environment.Remove(ConnectionResolver.KeyVariable);
        var fromFile = await ResolveAsync(null, null);

        Assert.Equal(new ConnectionSettings(new Uri("https://option.example.test/"), "option-key"), fromOptions);
        Assert.Equal(new ConnectionSettings(new Uri("https://env.example.test/"), "env-key"), fromEnvironment);
        Assert.Equal(new ConnectionSettings(new Uri("https://file.example.test/"), "file-key"), fromFile);
    }

    [Fact]
    public async Task The_url_and_the_key_are_resolved_each_on_its_own()
    {
        await WriteConfigAsync("""{"url": "https://file.example.test/app", "key": "file-key"}""");

        var settings = await ResolveAsync("https://option.example.test", null);

        Assert.Equal(new ConnectionSettings(new Uri("https://option.example.test/"), "file-key"), settings);
    }

    [Fact]
    public async Task No_key_anywhere_sends_none()
        => Assert.Null((await ResolveAsync("http://127.0.0.1:7071", null)).Key);

    [Fact]
    public async Task No_url_anywhere_is_a_usage_error_naming_every_source()
    {
        var error = await Assert.ThrowsAsync<UsageException>(() => ResolveAsync(null, "key"));

        Assert.Contains("--url", error.Message, StringComparison.Ordinal);
        Assert.Contains(ConnectionResolver.UrlVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_configHome.FullName, "certfunctions", "config.json"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_named_config_file_that_does_not_exist_is_a_usage_error()
        => await Assert.ThrowsAsync<UsageException>(() => new ConnectionResolver(Read).ResolveAsync(null, null, Path.Combine(_configHome.FullName, "missing.json"), CancellationToken.None));

    [Fact]
    public async Task A_config_file_that_is_not_json_is_a_usage_error_that_does_not_repeat_its_content()
    {
        await WriteConfigAsync("""{"url": "https://file.example.test", "key": "secret-key" """);

        var error = await Assert.ThrowsAsync<UsageException>(() => ResolveAsync(null, null));

        Assert.DoesNotContain("secret-key", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example.test")]
    [InlineData("example.test")]
    public async Task A_url_that_is_not_absolute_http_is_a_usage_error(string url)
        => await Assert.ThrowsAsync<UsageException>(() => ResolveAsync(url, null));

    [Fact]
    public void The_display_url_never_shows_a_key_in_the_query()
        => Assert.Equal("https://app.example.test/", new ConnectionSettings(new Uri("https://app.example.test/?code=secret"), null).DisplayUrl);

    private Task<ConnectionSettings> ResolveAsync(string? url, string? key) => new ConnectionResolver(Read).ResolveAsync(url, key, null, CancellationToken.None);

    private string? Read(string name) => _environment.GetValueOrDefault(name);

    private async Task WriteConfigAsync(string json)
    {
        Directory.CreateDirectory(Path.Combine(_configHome.FullName, "certfunctions"));
        await File.WriteAllTextAsync(Path.Combine(_configHome.FullName, "certfunctions", "config.json"), json);
    }
}
