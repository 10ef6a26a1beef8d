using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Routing;

namespace CertFunctions.Core.Kubernetes.Discovery;

/// <summary>What an Ingress asks for: hosts, Secret and per-Ingress choices (app defaults already applied where we own them).</summary>
/// <param name="Certificate">The certificate (cluster, namespace, Ingress).</param>
/// <param name="Hosts">Validated DNS names, lowercase, in Ingress order.</param>
/// <param name="SecretName">The Secret to write.</param>
/// <param name="Routing">Routing strategy (annotation, else <c>Challenge:Routing</c>).</param>
/// <param name="KeyType">Key type from the annotation; null = the app default.</param>
/// <param name="Profile">ACME profile from the annotation; null = the app default.</param>
/// <param name="PreferredChain">Preferred chain from the annotation; null = the app default.</param>
/// <param name="AdoptSecret">True when the Ingress allows overwriting a Secret that is not ours.</param>
/// <param name="SolverPreset">Solver preset (annotation, else <c>Challenge:SolverPreset</c>).</param>
/// <param name="IngressClassName">The Ingress class (spec.ingressClassName or the legacy annotation), if any.</param>
public sealed record IngressCertificateSpec(
    CertificateRef Certificate,
    IReadOnlyList<string> Hosts,
    string SecretName,
    RoutingStrategy Routing,
    CertificateKeyType? KeyType,
    string? Profile,
    string? PreferredChain,
    bool AdoptSecret,
    SolverPreset SolverPreset,
    string? IngressClassName)
{
    /// <summary>True when the Ingress opts in (<c>certfunctions.io/enabled</c> or <c>kubernetes.io/tls-acme</c>), so renewal scans find it.</summary>
    public bool OptedIn { get; init; } = true;

    /// <summary>The GitOps controller that keeps this Ingress equal to Git, if any: then we route through a solver Ingress and never write spec.tls.</summary>
    public GitOps.GitOpsManagement? GitOps { get; init; }

    /// <summary>Why an explicit in-place routing annotation was not followed (for a Warning Event); null when it was, or there was none.</summary>
    public string? InPlaceRefused { get; init; }

    /// <summary>True when spec.tls already lists <see cref="SecretName"/> for exactly <see cref="Hosts"/> (as read).</summary>
    public bool TlsListed { get; init; }

    /// <summary>False when spec.tls must not be written (a GitOps controller manages the Ingress): an Event asks the user to add it in Git.</summary>
    public bool WritesTls => GitOps is null;

    /// <summary>The ACME issuer that serves it: <c>certfunctions.io/issuer</c>, else the default (<c>Acme:DefaultIssuer</c>).</summary>
    public string Issuer { get; init; } = Issuers.AcmeIssuer.DefaultName;
}
