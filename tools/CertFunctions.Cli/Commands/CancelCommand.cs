using System.CommandLine;
using CertFunctions.Cli.Api;
using CertFunctions.Cli.Output;

namespace CertFunctions.Cli.Commands;

/// <summary><c>certfunctions cancel ID</c>: cancels a running operation; the server removes its challenge routing.</summary>
internal static class CancelCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var id = new Argument<string>("ID") { Description = "The running operation's id" };
        var command = new Command("cancel", "Cancel a running operation and remove its challenge routing") { id };
        runner.Bind(command, async (parseResult, context, cancellationToken) =>
        {
            var path = ApiClient.PathOf("api", "certificates", "operations", parseResult.GetValue(id)!);
            var response = await context.Api.DeleteAsync(path, cancellationToken).ConfigureAwait(false);
            if (response.Status == 202 || response.Body?["status"] is null)
            {
                // The runtime has not recorded the end yet; the server says what happens next.
                await context.Out.WriteLineAsync(context.Format == OutputFormat.Json ? JsonText.Pretty(response.Body) : JsonText.Text(response.Body, "message")).ConfigureAwait(false);
                return ExitCodes.Done;
            }

            await context.Out.WriteAsync(context.Format == OutputFormat.Json ? JsonText.Pretty(response.Body) + Environment.NewLine : OperationText.Describe(response.Body)).ConfigureAwait(false);
            return ExitCodes.Done;
        });
        return command;
    }
}
