using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Annotations;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Input of <see cref="FinalizeAndStoreActivity"/>.</summary>
public sealed record FinalizeInput(
    CertificateRef Certificate,
    Uri OrderUrl,
    IReadOnlyList<string> Hosts,
    string SecretName,
    CertificateKeyType KeyType,
    string? PreferredChain,
    bool AdoptSecret);
