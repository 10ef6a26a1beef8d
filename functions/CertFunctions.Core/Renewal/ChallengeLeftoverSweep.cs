using CertFunctions.Core.Challenges;
using CertFunctions.Core.Hosting;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Events;
using CertFunctions.Core.Kubernetes.Routing;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Renewal;

/// <summary>
/// Removes challenge routing that no running issuance owns, once per scan: what a run left when it ended without
/// cleaning up (cleanup still failing after the certificate was stored, an instance terminated, an in-flight replay
/// failed by a new release). Without it such a path would stay in the user's Ingress until that Ingress's next
/// issuance, which for a healthy certificate is weeks away.
/// </summary>
public sealed partial class ChallengeLeftoverSweep(
    SolverIngressChallengeRouting solvers,
    ChallengeRouter router,
    ChallengeTokenStore tokens,
    IngressEventRecorder events,
    ILogger<ChallengeLeftoverSweep> logger)
{
    /// <summary>Finds the leftovers of <paramref name="cluster"/> (paths from <paramref name="discovered"/>, solver Ingresses by label) and removes those no active instance owns.</summary>
    /// <remarks>The gateway comes with the call: the Functions app makes it per invocation from its Durable client binding.</remarks>
    /// <param name="cluster">The cluster.</param>
    /// <param name="discovered">The scan's Ingresses that carry challenge paths, as listed.</param>
    /// <param name="seenAt">When the scan began, before it listed: tokens written since then belong to a newer run.</param>
    /// <param name="orchestrations">The orchestration gateway.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<LeftoverSweepResult> SweepAsync(
        string cluster, IEnumerable<DiscoveredIngress> discovered, DateTimeOffset seenAt, IOrchestrationGateway orchestrations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orchestrations);
        var solverIngresses = await solvers.ListAllAsync(cluster, cancellationToken).ConfigureAwait(false);
        var withPaths = discovered.Where(d => d.ChallengePaths.Count > 0).ToDictionary(d => d.Certificate);
        var solversByCertificate = solverIngresses.ToLookup(s => s.Certificate);
        var leftovers = withPaths.Keys
            .Union(solversByCertificate.Select(g => g.Key))
            .Select(c => new ChallengeLeftover(c, withPaths.GetValueOrDefault(c)?.ChallengePaths ?? [], [.. solversByCertificate[c]])
            {
                IngressResourceVersion = withPaths.GetValueOrDefault(c)?.ResourceVersion,
            })
            .ToList();

        var removed = 0;
        var problems = new List<string>();
        foreach (var leftover in leftovers)
        {
            try
            {
                var instance = await orchestrations.GetAsync(leftover.Certificate.InstanceId, cancellationToken).ConfigureAwait(false);
                if (instance is { IsActive: true })
                {
                    // A running issuance owns its routes and removes them itself.
                    continue;
                }

                var cleanup = await router.RemoveSeenAsync(leftover, cancellationToken).ConfigureAwait(false);
                // A second's margin: the storage compares If-Unmodified-Since at whole seconds.
                await tokens.DeleteAsync(leftover.Tokens, seenAt - TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                if (cleanup.RemovedPaths == 0 && cleanup.RemovedSolverIngresses == 0)
                {
                    continue;
                }

                removed++;
                var state = instance is null ? "no instance on record" : $"its last issuance is {instance.State}";
                await events.RecordAsync(
                    leftover.Certificate,
                    IngressEventReasons.ChallengeLeftoversRemoved,
                    $"Removed {cleanup.RemovedPaths} challenge path(s) and {cleanup.RemovedSolverIngresses} solver Ingress(es) that an issuance " +
                    $"left behind ({state}).",
                    IngressEventType.Normal,
                    cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                problems.Add($"{leftover.Certificate}: could not remove challenge leftovers: {ex.Message}");
                LogSweepFailed(logger, leftover.Certificate, ex.Message);
            }
        }

        return new LeftoverSweepResult(removed, problems);
    }

    /// <summary>A token written this recently is kept whatever its instance's state says (a state read can lag a start).</summary>
    public static readonly TimeSpan TokenGrace = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Deletes tokens whose publishing instance is no longer pending or running and that are older than
    /// <see cref="TokenGrace"/>: those of a run that ended before routing them (routed ones go with their routes).
    /// Harmless to the CA, but the responder lists the container to answer unknown tokens, so they should not pile up.
    /// </summary>
    public async Task<int> SweepTokensAsync(DateTimeOffset now, IOrchestrationGateway orchestrations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orchestrations);
        var deleted = 0;
        foreach (var owned in (await tokens.ListPublishedAsync(cancellationToken).ConfigureAwait(false)).Where(t => t.Written <= now - TokenGrace).GroupBy(t => t.Owner))
        {
            var instance = await orchestrations.GetAsync(owned.Key, cancellationToken).ConfigureAwait(false);
            if (instance is { IsActive: true })
            {
                continue;
            }

            var removed = await tokens.DeleteAsync(owned.Select(t => t.Token), now - TokenGrace, cancellationToken).ConfigureAwait(false);
            deleted += removed;
            LogTokensRemoved(logger, removed, owned.Key);
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} challenge token(s) left by instance {InstanceId}, which is no longer running")]
    private static partial void LogTokensRemoved(ILogger logger, int count, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove challenge leftovers of {Certificate}: {Reason}")]
    private static partial void LogSweepFailed(ILogger logger, CertFunctions.Core.Certificates.CertificateRef certificate, string reason);
}
