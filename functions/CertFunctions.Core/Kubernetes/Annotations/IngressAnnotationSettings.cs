using CertFunctions.Core.Kubernetes.Routing;

namespace CertFunctions.Core.Kubernetes.Annotations;

/// <summary>The per-Ingress overrides read from <c>certfunctions.io/*</c> annotations; null means "use the app setting".</summary>
/// <remarks><see cref="Issuer"/> is the name asked for (<c>certfunctions.io/issuer</c>); whether it is configured is checked against the settings later.</remarks>
public sealed record IngressAnnotationSettings(
    RoutingStrategy? Routing,
    CertificateKeyType? KeyType,
    string? Profile,
    string? PreferredChain,
    string? SecretName,
    bool AdoptSecret,
    SolverPreset? SolverPreset,
    string? Issuer = null)
{
    /// <summary>True when <c>certfunctions.io/force-in-place: "true"</c> keeps in-place routing on a GitOps-managed object.</summary>
    public bool ForceInPlace { get; init; }
}
