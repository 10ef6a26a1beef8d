using System.CommandLine;
using CertFunctions.Cli.Api;
using CertFunctions.Cli.Settings;

namespace CertFunctions.Cli.Commands;

/// <summary>Runs a command's body with resolved settings and turns failures into words and exit codes.</summary>
internal sealed class CommandRunner(GlobalOptions options, HttpClient http, Func<string, string?> environment)
{
    /// <summary>Sets <paramref name="body"/> as the command's action.</summary>
    public void Bind(Command command, Func<ParseResult, CommandContext, CancellationToken, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, body, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parseResult, Func<ParseResult, CommandContext, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            var settings = await new ConnectionResolver(environment).ResolveAsync(
                parseResult.GetValue(options.Url), parseResult.GetValue(options.Key), parseResult.GetValue(options.Config), cancellationToken).ConfigureAwait(false);
            var context = new CommandContext(new ApiClient(http, settings), parseResult.GetValue(options.Output), output, error, !Console.IsErrorRedirected);
            return await body(parseResult, context, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.BadUsage;
        }
        catch (ApiProblemException ex)
        {
            await error.WriteLineAsync(ex.Problem.ToText()).ConfigureAwait(false);
            return ex.Problem.ExitCode;
        }
    }
}
