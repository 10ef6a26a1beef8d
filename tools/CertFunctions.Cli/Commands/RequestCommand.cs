using System.CommandLine;

namespace CertFunctions.Cli.Commands;

/// <summary><c>certfunctions request NAMESPACE/NAME</c>: issues a certificate for an opted-in Ingress (or Gateway).</summary>
internal static class RequestCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var target = ObjectName.Argument("The opted-in Ingress (or, with --gateway, Gateway)");
        var cluster = new Option<string?>("--cluster") { Description = "Configured cluster name (default: the app's default cluster)" };
        var gateway = new Option<bool>("--gateway") { Description = "NAME is a Gateway, not an Ingress" };
        var wait = new Option<bool>("--wait") { Description = "Follow the operation to its end, showing each step" };
        var command = new Command("request", "Request a certificate now") { target, cluster, gateway, wait };
        runner.Bind(command, async (parseResult, context, cancellationToken) =>
        {
            var name = parseResult.GetValue(target)!;
            var clusterName = parseResult.GetValue(cluster);
            object body = parseResult.GetValue(gateway)
                ? new { cluster = clusterName, @namespace = name.Namespace, gateway = name.Name }
                : new { cluster = clusterName, @namespace = name.Namespace, ingress = name.Name };
            var accepted = await context.Api.PostAsync("api/certificates", body, cancellationToken).ConfigureAwait(false);
            return await OperationOutcome.StartedAsync(context, accepted.Body, parseResult.GetValue(wait), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
