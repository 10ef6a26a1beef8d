using System.CommandLine;
using CertFunctions.Cli.Output;

namespace CertFunctions.Cli.Commands;

/// <summary><c>certfunctions list</c>: every managed certificate.</summary>
internal static class ListCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var command = new Command("list", "List every managed certificate: expiry, planned renewal, last outcome and error");
        runner.Bind(command, async (_, context, cancellationToken) =>
        {
            var list = (await context.Api.GetAsync("api/certificates", cancellationToken).ConfigureAwait(false)).Body ?? new System.Text.Json.Nodes.JsonObject();
            await context.Out.WriteAsync(context.Format == OutputFormat.Json ? JsonText.Pretty(list) + Environment.NewLine : CertificateTable.Render(list)).ConfigureAwait(false);
            return ExitCodes.Done;
        });
        return command;
    }
}
