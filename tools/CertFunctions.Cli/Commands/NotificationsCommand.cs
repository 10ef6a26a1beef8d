using System.CommandLine;
using CertFunctions.Cli.Api;
using CertFunctions.Cli.Output;

namespace CertFunctions.Cli.Commands;

/// <summary><c>certfunctions notifications list|redeliver ID|redeliver-all</c>: the notifications webhooks did not take, and sending them again.</summary>
internal static class NotificationsCommand
{
    private const string CollectionPath = "api/notifications/undelivered";

    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var list = new Command("list", "List the notifications a webhook refused or missed after every retry");
        runner.Bind(list, async (_, context, cancellationToken) =>
        {
            // The most one answer holds (each record is a storage read); the server says how many there are in all.
            var body = (await context.Api.GetAsync(CollectionPath + "?limit=1000", cancellationToken).ConfigureAwait(false)).Body ?? new System.Text.Json.Nodes.JsonObject();
            await context.Out.WriteAsync(context.Format == OutputFormat.Json ? JsonText.Pretty(body) + Environment.NewLine : UndeliveredTable.Render(body)).ConfigureAwait(false);
            if (UndeliveredTable.Cut(body) is { } cut)
            {
                await context.Error.WriteLineAsync(cut).ConfigureAwait(false);
            }

            return ExitCodes.Done;
        });

        var id = new Argument<string>("ID") { Description = "The undelivered notification's id (from 'notifications list')" };
        var redeliver = new Command("redeliver", "Send an undelivered notification again (same event id); kept again if it fails") { id };
        runner.Bind(redeliver, async (parseResult, context, cancellationToken) =>
        {
            var path = CollectionPath + "/" + ApiClient.PathOf(parseResult.GetValue(id)!, "redeliver");
            var response = await context.Api.PostAsync(path, null, cancellationToken).ConfigureAwait(false);
            await context.Out.WriteLineAsync(context.Format == OutputFormat.Json
                ? JsonText.Pretty(response.Body)
                : $"Redelivering {JsonText.Text(response.Body, "eventId")} to webhook {JsonText.Text(response.Body, "webhook")} (delivery {JsonText.Text(response.Body, "instanceId")}).").ConfigureAwait(false);
            return ExitCodes.Done;
        });

        var redeliverAll = new Command("redeliver-all", "Send every undelivered notification again, the oldest first, 100 per request");
        runner.Bind(redeliverAll, async (_, context, cancellationToken) =>
        {
            var started = 0;
            int? kept = null;
            while (true)
            {
                var body = (await context.Api.PostAsync(CollectionPath + "/redeliver", null, cancellationToken).ConfigureAwait(false)).Body;
                var now = body?["started"]?.GetValue<int>() ?? 0;
                var remaining = body?["remaining"]?.GetValue<int>() ?? 0;
                kept ??= now + remaining;
                started += now;
                // Stop once every record kept at the start was sent: a webhook that still refuses puts its records back
                // as fast as they go, and those wait for the next run.
                if (remaining == 0 || now == 0 || started >= kept)
                {
                    await context.Out.WriteLineAsync($"Redelivering {started} notification(s); {remaining} left.").ConfigureAwait(false);
                    return ExitCodes.Done;
                }
            }
        });

        return new Command("notifications", "Notifications webhooks did not take: list them, send them again") { list, redeliver, redeliverAll };
    }
}
