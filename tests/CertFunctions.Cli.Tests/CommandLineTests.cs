using System.CommandLine;

namespace CertFunctions.Cli.Tests;

/// <summary>Usage errors found before any request: exit 2 and a sentence on standard error.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("request", "web")]
    [InlineData("request", "shop/web/extra")]
    [InlineData("renew", "/web")]
    [InlineData("status")]
    [InlineData("frobnicate")]
    [InlineData("list", "--output", "yaml")]
    public async Task A_malformed_command_line_exits_2(params string[] args)
    {
        var (exit, error) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_command_at_all_exits_2()
        => Assert.Equal(2, (await RunAsync([])).Exit);

    [Fact]
    public async Task A_command_without_a_url_exits_2_naming_where_to_give_one()
    {
        var (exit, error) = await RunAsync(["list"]);

        Assert.Equal(2, exit);
        Assert.Contains("CERTFUNCTIONS_URL", error, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Error)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var http = new HttpClient();
        var exit = await CliApplication.RunAsync(
            args, http, name => name == "XDG_CONFIG_HOME" ? Path.Combine(Path.GetTempPath(), "certfunctions-cli-no-config") : null,
            new InvocationConfiguration { Output = output, Error = error }, CancellationToken.None);
        return (exit, error.ToString());
    }
}
