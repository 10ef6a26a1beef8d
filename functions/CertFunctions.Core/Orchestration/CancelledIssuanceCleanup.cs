using CertFunctions.Core.Acme;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Challenges;
using CertFunctions.Core.Kubernetes.Events;
using CertFunctions.Core.Kubernetes.Routing;

namespace CertFunctions.Core.Orchestration;

/// <summary>
/// Removes what a terminated issuance left (a terminated orchestration runs no cleanup of its own): its challenge
/// routing, found by label, its tokens and its pending certificate key; records an <c>IssuanceCancelled</c> Event on the Ingress.
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
}
