namespace CertFunctions.Core.Kubernetes.Annotations;

/// <summary>Annotation keys CertFunctions reads on Ingresses and writes on the objects it manages.</summary>
public static class CertFunctionsAnnotations
{
    /// <summary>Prefix of every CertFunctions annotation and label.</summary>
    public const string Prefix = "certfunctions.io/";

    /// <summary>Opt-in (or, with "false", opt-out) on an Ingress.</summary>
    public const string Enabled = Prefix + "enabled";

    /// <summary>The opt-in that kube-lego and cert-manager users already have.</summary>
    public const string TlsAcme = "kubernetes.io/tls-acme";

    /// <summary>Per-Ingress routing strategy: in-place | solver-ingress.</summary>
    public const string Routing = Prefix + "routing";

    /// <summary>Per-Ingress key type: ecdsa-p256 | ecdsa-p384 | rsa-2048 | rsa-3072 | rsa-4096.</summary>
    public const string KeyType = Prefix + "key-type";

    /// <summary>Per-Ingress ACME profile name.</summary>
    public const string Profile = Prefix + "profile";

    /// <summary>Per-Ingress preferred chain (issuer common name of the chain's root side).</summary>
    public const string PreferredChain = Prefix + "preferred-chain";

    /// <summary>Per-Ingress Secret name override.</summary>
    public const string SecretName = Prefix + "secret-name";

    /// <summary>"true" allows overwriting an existing Secret that CertFunctions did not create.</summary>
    public const string AdoptSecret = Prefix + "adopt-secret";

    /// <summary>Per-Ingress solver preset: ingress-nginx | azure-application-gateway | plain.</summary>
    public const string SolverPreset = Prefix + "solver-preset";

    /// <summary>"true" or "false": overrides GitOps recognition (labels, annotations, managedFields) for this object.</summary>
    public const string GitOps = Prefix + "gitops";

    /// <summary>"true" keeps in-place routing on an object a GitOps controller manages (refused otherwise, with a Warning Event).</summary>
    public const string ForceInPlace = Prefix + "force-in-place";

    /// <summary>On an Ingress we edited in place: JSON list of exactly the paths we added.</summary>
    public const string PresentedPaths = Prefix + "presented-paths";

    /// <summary>On a Secret: comma-separated DNS names of the certificate.</summary>
    public const string Domains = Prefix + "domains";

    /// <summary>On a Secret: certificate notBefore (ISO 8601, UTC).</summary>
    public const string NotBefore = Prefix + "not-before";

    /// <summary>On a Secret: certificate notAfter (ISO 8601, UTC).</summary>
    public const string NotAfter = Prefix + "not-after";

    /// <summary>
    /// On an Ingress or Gateway: the name of the ACME issuer to use (<c>Acme:Issuers:&lt;name&gt;</c>; absent: the default).
    /// On a Secret we wrote: the issuer that issued its certificate, so a changed choice renews at the next scan.
    /// </summary>
    public const string Issuer = Prefix + "issuer";

    /// <summary>On a Secret: the certificate's issuer distinguished name (before named issuers, <see cref="Issuer"/> held it).</summary>
    public const string IssuerDn = Prefix + "issuer-dn";

    /// <summary>On a Secret: certificate serial number (hex).</summary>
    public const string Serial = Prefix + "serial";

    /// <summary>On a Secret: ACME directory URL the certificate came from.</summary>
    public const string AcmeDirectory = Prefix + "acme-directory";

    /// <summary>On a Secret: the planned renewal time (ISO 8601, UTC).</summary>
    public const string RenewAfter = Prefix + "renew-after";

    /// <summary>Legacy ingress class annotation, copied to solver Ingresses when the user relies on it.</summary>
    public const string LegacyIngressClass = "kubernetes.io/ingress.class";
}
