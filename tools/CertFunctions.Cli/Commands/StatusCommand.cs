using System.CommandLine;
using CertFunctions.Cli.Api;

namespace CertFunctions.Cli.Commands;

/// <summary><c>certfunctions status ID</c>: one operation's step, result or failure.</summary>
internal static class StatusCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var id = new Argument<string>("ID") { Description = "The operation id (from request or renew)" };
        var command = new Command("status", "Show an operation: step, hosts, result or failure (exit 1 when it failed or was cancelled)") { id };
        runner.Bind(command, async (parseResult, context, cancellationToken) =>
        {
            var path = ApiClient.PathOf("api", "certificates", "operations", parseResult.GetValue(id)!);
            var operation = (await context.Api.GetAsync(path, cancellationToken).ConfigureAwait(false)).Body!;
            return await OperationOutcome.WriteAsync(context, operation).ConfigureAwait(false);
        });
        return command;
    }
}
