using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Kubernetes.Routing;

/// <summary>Route <c>/.well-known/acme-challenge/&lt;token&gt;</c> on these hosts of the certificate's Ingress to the responder.</summary>
/// <param name="Certificate">The certificate (cluster, namespace, Ingress).</param>
/// <param name="Hosts">Host names to route (usually <c>IngressCertificateSpec.Hosts</c>).</param>
/// <param name="Tokens">ACME http-01 tokens (base64url); each is routed on every host.</param>
/// <param name="Strategy">Routing strategy; null = <c>Challenge:Routing</c>.</param>
/// <param name="Preset">Solver preset; null = <c>Challenge:SolverPreset</c>.</param>
/// <param name="IngressClassName">Solver Ingress class when neither <c>Challenge:SolverIngressClassName</c> nor the user's spec.ingressClassName names one (a legacy class annotation is copied as such).</param>
public sealed record ChallengeRoutingRequest(
    CertificateRef Certificate,
    IReadOnlyList<string> Hosts,
    IReadOnlyList<string> Tokens,
    RoutingStrategy? Strategy = null,
    SolverPreset? Preset = null,
    string? IngressClassName = null);
