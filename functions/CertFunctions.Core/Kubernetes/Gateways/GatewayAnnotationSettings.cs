using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Routing.HttpRoutes;

namespace CertFunctions.Core.Kubernetes.Gateways;

/// <summary>The per-Gateway overrides read from <c>certfunctions.io/*</c> annotations; null means "use the app setting".</summary>
/// <param name="Routing">redirect | backend.</param>
/// <param name="KeyType">Certificate key type.</param>
/// <param name="Profile">ACME profile.</param>
/// <param name="PreferredChain">Preferred chain.</param>
/// <param name="AdoptSecret">True when the Gateway allows overwriting Secrets that are not ours.</param>
public sealed record GatewayAnnotationSettings(
    GatewayRouting? Routing,
    CertificateKeyType? KeyType,
    string? Profile,
    string? PreferredChain,
    bool AdoptSecret);
