using System.CommandLine;
using CertFunctions.Cli.Api;
using CertFunctions.Cli.Output;

namespace CertFunctions.Cli.Commands;

/// <summary><c>certfunctions renew NAMESPACE/NAME</c>: forces a renewal now (with <c>--gateway</c>, of every Secret a Gateway names).</summary>
internal static class RenewCommand
{
    /// <summary>The cluster used when neither --cluster nor the list names one.</summary>
    public const string FallbackCluster = "default";

    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var target = ObjectName.Argument("The managed Ingress (or, with --gateway, Gateway)");
        var cluster = new Option<string?>("--cluster") { Description = "Configured cluster name (default: the one the certificate list names, else 'default')" };
        var gateway = new Option<bool>("--gateway") { Description = "NAME is a Gateway: renews every Secret its listeners name" };
        var wait = new Option<bool>("--wait") { Description = "Follow the operation to its end, showing each step" };
        var command = new Command("renew", "Force a renewal now") { target, cluster, gateway, wait };
        runner.Bind(command, async (parseResult, context, cancellationToken) =>
        {
            var name = parseResult.GetValue(target)!;
            var kind = parseResult.GetValue(gateway) ? "Gateway" : "Ingress";
            var clusterName = parseResult.GetValue(cluster) ?? await ClusterOfAsync(context, name, kind, cancellationToken).ConfigureAwait(false);
            var path = kind == "Gateway"
                ? ApiClient.PathOf("api", "certificates", clusterName, name.Namespace, "gateways", name.Name, "renew")
                : ApiClient.PathOf("api", "certificates", clusterName, name.Namespace, name.Name, "renew");
            var accepted = await context.Api.PostAsync(path, body: null, cancellationToken).ConfigureAwait(false);
            return await OperationOutcome.StartedAsync(context, accepted.Body, parseResult.GetValue(wait), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    // The renew route names the cluster; the list tells which one holds the certificate, so users need not.
    private static async Task<string> ClusterOfAsync(CommandContext context, ObjectName name, string kind, CancellationToken cancellationToken)
    {
        var list = (await context.Api.GetAsync("api/certificates", cancellationToken).ConfigureAwait(false)).Body;
        var clusters = (list?["certificates"]?.AsArray() ?? [])
            .Select(item => item?["certificate"])
            .Where(c => JsonText.Text(c, "namespace") == name.Namespace && JsonText.ObjectOf(c) == (kind, name.Name))
            .Select(c => JsonText.Text(c, "cluster"))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return clusters.Count switch
        {
            0 => FallbackCluster,
            1 => clusters[0],
            _ => throw new UsageException($"{name} exists in clusters {string.Join(", ", clusters)}; name one with --cluster."),
        };
    }
}
