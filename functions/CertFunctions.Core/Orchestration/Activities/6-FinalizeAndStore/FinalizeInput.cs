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
    string? Issuer = null)
{
    /// <summary>The GitOps controller managing the Ingress, if any: then spec.tls is not written and an Event asks for it in Git.</summary>
    public Kubernetes.GitOps.GitOpsManagement? GitOps { get; init; }

    /// <summary>True when spec.tls already listed the Secret for the hosts when the Ingress was read.</summary>
    public bool TlsListed { get; init; }

    /// <summary>The input for finalizing <paramref name="orderUrl"/> as <paramref name="plan"/> says.</summary>
    public static FinalizeInput For(CertificateRef certificate, Uri orderUrl, IssuancePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var spec = plan.Spec;
        return new FinalizeInput(certificate, orderUrl, spec.Hosts, spec.SecretName, plan.KeyType, plan.PreferredChain, spec.AdoptSecret, plan.Issuer)
        {
            GitOps = spec.GitOps,
            TlsListed = spec.TlsListed,
        };
    }
}
