using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Discovery;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>What one issuance will do: the Ingress's request with the app defaults applied.</summary>
/// <param name="Spec">Hosts, Secret and per-Ingress choices read from the Ingress.</param>
/// <param name="KeyType">Certificate key type (annotation, else <c>Acme:CertificateKeyType</c>).</param>
/// <param name="Profile">ACME profile, if any.</param>
/// <param name="PreferredChain">Preferred chain, if any.</param>
/// <param name="AcmeDirectory">The CA (the issuer's directory).</param>
/// <param name="SelfCheck">Self-check settings.</param>
/// <param name="Issuer">The named ACME issuer every ACME step of this issuance uses (null in plans made before named issuers: the default).</param>
/// <param name="Notify">
/// Whether any notification webhook was configured when the plan was made: without one the run skips the round trip
/// that queues its notifications (null in plans made before: it queues, and the dispatcher decides).
/// </param>
public sealed record IssuancePlan(
    IngressCertificateSpec Spec,
    CertificateKeyType KeyType,
    string? Profile,
    string? PreferredChain,
    Uri AcmeDirectory,
    SelfCheckPlan SelfCheck,
    string? Issuer = null,
    bool? Notify = null);
