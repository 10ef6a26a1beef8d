using System.Text.Json.Nodes;
using CertFunctions.Cli.Output;

namespace CertFunctions.Cli.Commands;

/// <summary>Writes an operation and turns its state into the exit code.</summary>
internal static class OperationOutcome
{
    /// <summary>Writes the operation (words or JSON); 1 when it failed or was cancelled, else 0.</summary>
    public static async Task<int> WriteAsync(CommandContext context, JsonNode operation)
    {
        await context.Out.WriteAsync(context.Format == OutputFormat.Json ? JsonText.Pretty(operation) + Environment.NewLine : OperationText.Describe(operation)).ConfigureAwait(false);
        return JsonText.Text(operation, "status") is "Failed" or "Terminated" ? ExitCodes.Failed : ExitCodes.Done;
    }

    /// <summary>After a 202 from request or renew: says what started, then follows it to the end when asked.</summary>
    public static async Task<int> StartedAsync(CommandContext context, JsonNode? accepted, bool wait, CancellationToken cancellationToken)
    {
        var id = JsonText.Text(accepted, "id");
        if (!wait || id is null)
        {
            if (context.Format == OutputFormat.Json)
            {
                await context.Out.WriteLineAsync(JsonText.Pretty(accepted)).ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteLineAsync($"{JsonText.Text(accepted, "message")}{Environment.NewLine}Operation:  {id}").ConfigureAwait(false);
            }

            return ExitCodes.Done;
        }

        if (context.Format == OutputFormat.Table)
        {
            await context.Error.WriteLineAsync($"{JsonText.Text(accepted, "message")} Following operation {id}").ConfigureAwait(false);
        }

        var final = await context.Follower().FollowAsync(id, cancellationToken).ConfigureAwait(false);
        return await WriteAsync(context, final).ConfigureAwait(false);
    }
}
