using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Gateways;
using CertFunctions.Core.Kubernetes.Routing.HttpRoutes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Kubernetes.Routing;

/// <summary>Routes ACME http-01 challenge paths to the responder, with either strategy, and removes exactly what it added.</summary>
public sealed class ChallengeRouter(
    ResponderServiceProvisioner responder,
    InPlaceChallengeRouting inPlace,
    SolverIngressChallengeRouting solver,
    SolverHttpRouteRouting httpRoutes,
    GatewayCertificatesReader gateways,
    IOptions<ChallengeRoutingOptions> options,
    ILogger<ChallengeRouter> logger)
{
    private readonly ResponderServiceProvisioner _responder = responder;
    private readonly InPlaceChallengeRouting _inPlace = inPlace;
    private readonly SolverIngressChallengeRouting _solver = solver;
    private readonly ChallengeRoutingOptions _options = options.Value;
    private readonly ILogger<ChallengeRouter> _logger = logger;

    /// <summary>Presents the tokens (presenting twice is harmless) and returns exactly what was added.</summary>
    public async Task<PresentedChallenge> PresentAsync(ChallengeRoutingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Hosts.Count == 0 || request.Tokens.Count == 0)
        {
            throw new ArgumentException("A challenge needs at least one host and one token.", nameof(request));
        }

        foreach (var token in request.Tokens)
        {
            _ = ChallengePaths.For(token);
        }

        var certificate = request.Certificate;
        if (certificate.IsGateway)
        {
            return await PresentHttpRouteAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var strategy = request.Strategy ?? _options.Routing;
        var responder = await _responder.EnsureAsync(certificate.Cluster, certificate.Namespace, cancellationToken).ConfigureAwait(false);
        PresentedChallenge presented;
        if (strategy == RoutingStrategy.InPlace)
        {
            var paths = await _inPlace.PresentAsync(request, responder, cancellationToken).ConfigureAwait(false);
            presented = new PresentedChallenge(certificate, strategy, paths, null, responder.Name, responder.Created);
        }
        else
        {
            var (name, paths) = await _solver.PresentAsync(request, responder, cancellationToken).ConfigureAwait(false);
            presented = new PresentedChallenge(certificate, strategy, paths, name, responder.Name, responder.Created);
        }

        KubernetesLog.ChallengePresented(_logger, certificate, strategy, presented.Paths.Count);
        return presented;
    }

    /// <summary>Removes exactly what <paramref name="presented"/> added; safe to call twice or after the Ingress is gone.</summary>
    public async Task RemoveAsync(PresentedChallenge presented, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var removedPaths = 0;
        if (presented.HttpRoute is { } route)
        {
            await httpRoutes.RemoveAsync(route, cancellationToken).ConfigureAwait(false);
        }
        else if (presented.Strategy == RoutingStrategy.InPlace)
        {
            removedPaths = (await _inPlace.RemoveAsync(presented.Certificate, presented.Paths, cancellationToken).ConfigureAwait(false)).Count;
        }
        else if (presented.SolverIngressName is not null)
        {
            await _solver.DeleteAsync(presented.Certificate, presented.SolverIngressName, cancellationToken).ConfigureAwait(false);
        }

        KubernetesLog.ChallengeRemoved(_logger, presented.Certificate, presented.Strategy, removedPaths, presented.SolverIngressName);
    }

    /// <summary>Finds what earlier (crashed) runs left behind for this Ingress — tracked in-place paths and labelled solver Ingresses — and removes it.</summary>
    public async Task<LeftoverCleanup> RemoveLeftoversAsync(CertificateRef certificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (certificate.IsGateway)
        {
            var routes = await httpRoutes.RemoveAllAsync(certificate.WholeObject, cancellationToken).ConfigureAwait(false);
            if (routes > 0)
            {
                KubernetesLog.LeftoversRemoved(_logger, certificate, 0, routes);
            }

            return new LeftoverCleanup(certificate, 0, routes);
        }

        var paths = await _inPlace.RemoveAsync(certificate, null, cancellationToken).ConfigureAwait(false);
        var solvers = await _solver.DeleteAllAsync(certificate, cancellationToken).ConfigureAwait(false);
        if (paths.Count > 0 || solvers > 0)
        {
            KubernetesLog.LeftoversRemoved(_logger, certificate, paths.Count, solvers);
        }

        return new LeftoverCleanup(certificate, paths.Count, solvers);
    }

    /// <summary>
    /// A Gateway's challenge: a solver HTTPRoute on the Gateway's HTTP listeners, then a bounded wait for its controller to
    /// accept it (a refusal fails here, before the CA is asked). A route the wait refuses is removed at once.
    /// </summary>
    private async Task<PresentedChallenge> PresentHttpRouteAsync(ChallengeRoutingRequest request, CancellationToken cancellationToken)
    {
        var certificate = request.Certificate;
        var strategy = request.Strategy ?? RoutingStrategy.HttpRouteRedirect;
        var gateway = await gateways.ReadAsync(certificate.WholeObject, cancellationToken).ConfigureAwait(false);
        var route = await httpRoutes.PresentAsync(
            certificate.WholeObject,
            gateway.Listeners,
            request.Hosts,
            request.Tokens,
            strategy == RoutingStrategy.HttpRouteBackend ? GatewayRouting.Backend : GatewayRouting.Redirect,
            cancellationToken).ConfigureAwait(false);
        try
        {
            await httpRoutes.WaitUntilAcceptedAsync(route, cancellationToken).ConfigureAwait(false);
        }
        catch (Errors.RouteNotAcceptedException)
        {
            await httpRoutes.RemoveAsync(route, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var paths = request.Hosts.SelectMany(h => request.Tokens.Select(t => new PresentedPath(h, ChallengePaths.For(t), route.Name, 0, AddedRule: true))).ToList();
        KubernetesLog.ChallengePresented(_logger, certificate, strategy, paths.Count);
        return new PresentedChallenge(certificate, strategy, paths, null, route.Name, false, route);
    }

    /// <summary>The challenge routing in the cluster for <paramref name="certificate"/> now: tracked paths (with the Ingress's resourceVersion) and solver Ingresses.</summary>
    public async Task<ChallengeLeftover> FindAsync(CertificateRef certificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var tracked = _inPlace.ReadTrackedAsync(certificate, cancellationToken);
        var solvers = _solver.ListForAsync(certificate, cancellationToken);
        await Task.WhenAll(tracked, solvers).ConfigureAwait(false);
        var (paths, resourceVersion) = await tracked.ConfigureAwait(false);
        return new ChallengeLeftover(certificate, paths, await solvers.ConfigureAwait(false)) { IngressResourceVersion = resourceVersion };
    }

    /// <summary>
    /// Removes exactly the routing a scan saw — in-place paths by route while the Ingress is unchanged, solver
    /// Ingresses by uid — so a run that started since keeps what it added.
    /// </summary>
    public async Task<LeftoverCleanup> RemoveSeenAsync(ChallengeLeftover leftover, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leftover);
        var removedPaths = leftover.Paths.Count == 0
            ? []
            : await _inPlace.RemoveAsync(leftover.Certificate, leftover.Paths, cancellationToken, leftover.IngressResourceVersion).ConfigureAwait(false);
        var removedSolvers = 0;
        foreach (var solver in leftover.SolverIngresses)
        {
            if (await _solver.DeleteExactAsync(solver, cancellationToken).ConfigureAwait(false))
            {
                removedSolvers++;
            }
        }

        if (removedPaths.Count > 0 || removedSolvers > 0)
        {
            KubernetesLog.LeftoversRemoved(_logger, leftover.Certificate, removedPaths.Count, removedSolvers);
        }

        return new LeftoverCleanup(leftover.Certificate, removedPaths.Count, removedSolvers);
    }
}
