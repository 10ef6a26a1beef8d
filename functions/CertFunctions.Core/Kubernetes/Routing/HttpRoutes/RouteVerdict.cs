namespace CertFunctions.Core.Kubernetes.Routing.HttpRoutes;

/// <summary>What a Gateway's controller says about a solver HTTPRoute.</summary>
/// <param name="Accepted">True when every listener accepted it for its current generation.</param>
/// <param name="RefusedReason">The condition reason when a listener refused it (Accepted=False); null otherwise.</param>
/// <param name="RefusedMessage">The condition message with the listener's name.</param>
/// <param name="PendingReason">Why it is neither accepted nor refused (no status yet, an older generation).</param>
public sealed record RouteVerdict(bool Accepted, string? RefusedReason, string? RefusedMessage, string? PendingReason);
