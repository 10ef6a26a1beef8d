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
    Kubernetes.Routing.HttpRoutes.SolverHttpRouteLeftovers solverRoutes,
    ChallengeRouter router,
    ChallengeTokenStore tokens,
    IngressEventRecorder events,
    ILogger<ChallengeLeftoverSweep> logger)
{
    /// <summary>The token container as it is now (one listing), for <see cref="SweepAsync"/> and <see cref="SweepTokensAsync"/>.</summary>
    public Task<IReadOnlyList<PublishedToken>> ListTokensAsync(CancellationToken cancellationToken) => tokens.ListPublishedAsync(cancellationToken);

    /// <summary>
    /// Finds the leftovers of <paramref name="cluster"/> (paths from <paramref name="discovered"/>, solver Ingresses and solver
    /// HTTPRoutes by label) and removes those no active instance owns.
    /// </summary>
    /// <remarks>The gateway comes with the call: the Functions app makes it per invocation from its Durable client binding.</remarks>
    /// <param name="cluster">The cluster.</param>
    /// <param name="discovered">The scan's Ingresses that carry challenge paths, as listed.</param>
    /// <param name="published">The token container as listed when the scan began, before it listed Ingresses: a token written since belongs to a newer run.</param>
    /// <param name="orchestrations">The orchestration gateway.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<LeftoverSweepResult> SweepAsync(
        string cluster, IEnumerable<DiscoveredIngress> discovered, IReadOnlyList<PublishedToken> published, IOrchestrationGateway orchestrations, CancellationToken cancellationToken)
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

        var listed = published.ToDictionary(t => t.Token, StringComparer.Ordinal);
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
                // Only tokens unchanged since the listing (ETag): a run that started meanwhile may present the very same one.
                var seen = leftover.Tokens.Select(t => listed.GetValueOrDefault(t)).OfType<PublishedToken>();
                await tokens.ReleaseSeenAsync(leftover.Certificate.InstanceId, seen, cancellationToken).ConfigureAwait(false);
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

        removed += await SweepRoutesAsync(cluster, listed, orchestrations, problems, cancellationToken).ConfigureAwait(false);
        return new LeftoverSweepResult(removed, problems);
    }

    /// <summary>
    /// Removes the solver HTTPRoutes no running issuance needs: neither the Gateway's run nor a run presenting one of the
    /// route's tokens is active. One route serves a Gateway's Secrets in turn, so either can still need it.
    /// </summary>
    private async Task<int> SweepRoutesAsync(
        string cluster, Dictionary<string, PublishedToken> listed, IOrchestrationGateway orchestrations, List<string> problems, CancellationToken cancellationToken)
    {
        IReadOnlyList<Kubernetes.Routing.HttpRoutes.LeftoverSolverRoute> routes;
        try
        {
            routes = await solverRoutes.ListAllAsync(cluster, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Typically 403 where the app is not granted HTTPRoutes: the rest of the sweep stands.
            problems.Add($"cluster {cluster}: could not list solver HTTPRoutes: {ex.Message}");
            return 0;
        }

        var removed = 0;
        foreach (var route in routes)
        {
            try
            {
                var owners = route.Tokens.SelectMany(t => listed.GetValueOrDefault(t)?.Owners ?? []).Prepend(route.Gateway.InstanceId).Distinct(StringComparer.Ordinal);
                var active = false;
                foreach (var owner in owners)
                {
                    active |= await orchestrations.GetAsync(owner, cancellationToken).ConfigureAwait(false) is { IsActive: true };
                }

                if (active || !await solverRoutes.DeleteExactAsync(route, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                removed++;
                await events.RecordAsync(
                    route.Gateway,
                    IngressEventReasons.ChallengeLeftoversRemoved,
                    $"Removed solver HTTPRoute {route.Name} that an issuance left behind (no issuance of this Gateway is running).",
                    IngressEventType.Normal,
                    cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                problems.Add($"{route.Gateway}: could not remove solver HTTPRoute {route.Name}: {ex.Message}");
                LogSweepFailed(logger, route.Gateway, ex.Message);
            }
        }

        return removed;
    }

    /// <summary>A token written this recently is kept whatever its instance's state says (a state read can lag a start).</summary>
    public static readonly TimeSpan TokenGrace = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Deletes tokens none of whose presenting instances is still pending or running and that are older than
    /// <see cref="TokenGrace"/>: those of a run that ended before routing them (routed ones go with their routes).
    /// Harmless to the CA, but the responder lists the container to answer unknown tokens, so they should not pile up.
    /// </summary>
    public async Task<int> SweepTokensAsync(IReadOnlyList<PublishedToken> published, DateTimeOffset now, IOrchestrationGateway orchestrations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orchestrations);
        var active = new Dictionary<string, bool>(StringComparer.Ordinal);
        var gone = new List<PublishedToken>();
        foreach (var token in published.Where(t => t.Written <= now - TokenGrace))
        {
            var anyActive = false;
            foreach (var owner in token.Owners)
            {
                if (!active.TryGetValue(owner, out var isActive))
                {
                    isActive = active[owner] = (await orchestrations.GetAsync(owner, cancellationToken).ConfigureAwait(false)) is { IsActive: true };
                }

                anyActive |= isActive;
            }

            if (!anyActive)
            {
                gone.Add(token);
            }
        }

        // As listed (ETag): a token written since the listing belongs to the run that wrote it.
        var deleted = await tokens.DeleteSeenAsync(gone, cancellationToken).ConfigureAwait(false);
        if (deleted > 0)
        {
            LogTokensRemoved(logger, deleted);
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} challenge token(s) whose issuances are no longer running")]
    private static partial void LogTokensRemoved(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove challenge leftovers of {Certificate}: {Reason}")]
    private static partial void LogSweepFailed(ILogger logger, CertFunctions.Core.Certificates.CertificateRef certificate, string reason);
}
