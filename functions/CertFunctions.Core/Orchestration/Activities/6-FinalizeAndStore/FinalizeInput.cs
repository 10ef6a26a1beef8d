using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Annotations;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Input of <see cref="FinalizeAndStoreActivity"/>; <see cref="Issuer"/> is the named issuer of the order (null: the default, as in inputs scheduled before named issuers).</summary>
public sealed record FinalizeInput(
    CertificateRef Certificate,
    Uri OrderUrl,
    IReadOnlyList<string> Hosts,
    string SecretName,
    CertificateKeyType KeyType,
    string? PreferredChain,
    bool AdoptSecret,
    string? Issuer = null);
