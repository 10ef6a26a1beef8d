using CertFunctions.Core.Acme;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Challenges;
using CertFunctions.Core.Kubernetes.Events;
using CertFunctions.Core.Kubernetes.Routing;

namespace CertFunctions.Core.Orchestration;

/// <summary>
/// Removes what a terminated issuance left (a terminated orchestration runs no cleanup of its own): its challenge
/// routing, found by label, its tokens and its pending certificate key; records an <c>IssuanceCancelled</c> Event on the
/// Ingress or Gateway.
/// </summary>
public sealed class CancelledIssuanceCleanup(ChallengeRouter router, ChallengeTokenStore tokens, PendingKeyStore pendingKeys, IngressEventRecorder events)
{
    /// <summary>Cleans up after instance <paramref name="instanceId"/> of <paramref name="certificate"/>, which ended at <paramref name="endedAt"/>; returns what was removed.</summary>
    /// <remarks>
    /// Removes what it finds as found (paths while the Ingress is unchanged, solvers by uid, tokens not written since the
    /// end), so a new run requested in the same instant — possibly handed the same pending authorization — keeps its own.
    /// </remarks>
    public async Task<LeftoverCleanup> RunAsync(CertificateRef certificate, string instanceId, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (certificate.IsGateway)
        {
            return await RunForGatewayAsync(certificate.WholeObject, [new EndedOperation(instanceId, endedAt)], cancellationToken).ConfigureAwait(false);
        }

        var found = await router.FindAsync(certificate, cancellationToken).ConfigureAwait(false);
        var routes = router.RemoveSeenAsync(found, cancellationToken);
        var published = tokens.ReleaseOwnedAsync(instanceId, endedAt, cancellationToken);
        var keys = pendingKeys.DeleteOwnedByAsync(instanceId, endedAt, cancellationToken);
        await Task.WhenAll(routes, published, keys).ConfigureAwait(false);
        var removed = await routes.ConfigureAwait(false);
        await events.RecordAsync(
            certificate,
            IngressEventReasons.IssuanceCancelled,
            $"The issuance was cancelled through the API; {removed.RemovedPaths} challenge path(s), {removed.RemovedSolverIngresses} solver Ingress(es) " +
            $"and {await published.ConfigureAwait(false)} token(s) were removed. The next renewal scan starts a new one if the certificate is still due.",
            IngressEventType.Normal,
            cancellationToken).ConfigureAwait(false);
        return removed;
    }

    /// <summary>
    /// Cleans up after a cancelled run of <paramref name="gateway"/>: the solver HTTPRoutes labelled for it (a Gateway has
    /// one run at a time, and the cancelled run's routes are the only ones), and the tokens and pending keys of each
    /// <paramref name="ended"/> operation (the run's sub-orchestrations, which publish them); one Event on the Gateway.
    /// </summary>
    public async Task<LeftoverCleanup> RunForGatewayAsync(CertificateRef gateway, IReadOnlyList<EndedOperation> ended, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(ended);
        var routes = router.RemoveLeftoversAsync(gateway.WholeObject, cancellationToken);
        var published = Task.WhenAll(ended.Select(e => tokens.ReleaseOwnedAsync(e.InstanceId, e.EndedAt, cancellationToken)));
        var keys = Task.WhenAll(ended.Select(e => pendingKeys.DeleteOwnedByAsync(e.InstanceId, e.EndedAt, cancellationToken)));
        await Task.WhenAll(routes, published, keys).ConfigureAwait(false);
        var removed = await routes.ConfigureAwait(false);
        await events.RecordAsync(
            gateway.WholeObject,
            IngressEventReasons.IssuanceCancelled,
            $"The issuance was cancelled through the API; {ended.Count} certificate operation(s) ended, {removed.RemovedSolverIngresses} solver HTTPRoute(s) " +
            $"and {(await published.ConfigureAwait(false)).Sum()} token(s) were removed. The next renewal scan starts a new one if a certificate is still due.",
            IngressEventType.Normal,
            cancellationToken).ConfigureAwait(false);
        return removed;
    }
}
