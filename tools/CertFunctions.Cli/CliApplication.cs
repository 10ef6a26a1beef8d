using System.CommandLine;
using CertFunctions.Cli.Commands;

namespace CertFunctions.Cli;

/// <summary>The <c>certfunctions</c> command tree, and the parse step that makes a usage error exit 2.</summary>
internal static class CliApplication
{
    /// <summary>Builds the root command over <paramref name="http"/>, reading the environment through <paramref name="environment"/>.</summary>
    public static RootCommand Build(HttpClient http, Func<string, string?> environment)
    {
        var options = new GlobalOptions();
        var runner = new CommandRunner(options, http, environment);
        var root = new RootCommand("certfunctions: request, renew, follow and cancel certificates through the CertFunctions HTTP API");
        options.AddTo(root);
        root.Subcommands.Add(ListCommand.Create(runner));
        root.Subcommands.Add(StatusCommand.Create(runner));
        root.Subcommands.Add(RequestCommand.Create(runner));
        root.Subcommands.Add(RenewCommand.Create(runner));
        root.Subcommands.Add(CancelCommand.Create(runner));
        root.Subcommands.Add(NotificationsCommand.Create(runner));
        return root;
    }

    /// <summary>Parses and runs; parse errors (and no command at all) exit with 2, not System.CommandLine's 1.</summary>
    public static async Task<int> RunAsync(string[] args, HttpClient http, Func<string, string?> environment, InvocationConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var root = Build(http, environment);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0 || (parseResult.CommandResult.Command == root && parseResult.Action is null))
        {
            foreach (var error in parseResult.Errors)
            {
                await configuration.Error.WriteLineAsync("error: " + error.Message).ConfigureAwait(false);
            }

            if (parseResult.Errors.Count == 0)
            {
                await configuration.Error.WriteLineAsync("error: name a command: list, status, request, renew or cancel.").ConfigureAwait(false);
            }

            await configuration.Error.WriteLineAsync("Run 'certfunctions --help' for usage.").ConfigureAwait(false);
            return ExitCodes.BadUsage;
        }

        return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
