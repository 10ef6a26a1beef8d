namespace CertFunctions.Core.Kubernetes.Events;

/// <summary>The event reasons CertFunctions records on Ingresses (UpperCamelCase, as Kubernetes expects).</summary>
public static class IngressEventReasons
{
    /// <summary>Challenge paths are routed to the responder.</summary>
    public const string ChallengePresented = "ChallengePresented";

    /// <summary>A first certificate was issued and attached.</summary>
    public const string CertificateIssued = "CertificateIssued";

    /// <summary>A certificate was renewed and attached.</summary>
    public const string CertificateRenewed = "CertificateRenewed";

    /// <summary>The certificate is stored, but the challenge routes could not be removed (the next scan removes them).</summary>
    public const string ChallengeCleanupFailed = "ChallengeCleanupFailed";

    /// <summary>A scan removed challenge routing that an issuance which is no longer running left behind.</summary>
    public const string ChallengeLeftoversRemoved = "ChallengeLeftoversRemoved";

    /// <summary>The deployed certificate is past half its margin before expiry and renewal has not replaced it.</summary>
    public const string CertificateExpiring = "CertificateExpiring";

    /// <summary>The deployed certificate has expired and renewal has not replaced it.</summary>
    public const string CertificateExpired = "CertificateExpired";

    /// <summary>The Ingress names a Secret another opted-in Ingress owns, whose certificate lacks some of its hosts.</summary>
    public const string SecretInUse = "SecretInUse";

    /// <summary>A running issuance was cancelled through the API and its challenge routing removed.</summary>
    public const string IssuanceCancelled = "IssuanceCancelled";

    /// <summary>Issuance or renewal failed.</summary>
    public const string IssuanceFailed = "IssuanceFailed";

    /// <summary>The CA moved the certificate's renewal window (RFC 9773) before its planned renewal; it is renewed early.</summary>
    public const string RenewalWindowMoved = "RenewalWindowMoved";

    /// <summary>The Ingress's annotations or hosts cannot be served.</summary>
    public const string InvalidConfiguration = "InvalidConfiguration";

    /// <summary>The CA no longer knew the ACME account; its stored key was registered again and the issuance went on.</summary>
    public const string AcmeAccountRegisteredAgain = "AcmeAccountRegisteredAgain";

    /// <summary>An in-place routing annotation was not followed because a GitOps controller manages the Ingress.</summary>
    public const string InPlaceRoutingRefused = "InPlaceRoutingRefused";

    /// <summary>The certificate is stored, but a GitOps-managed Ingress does not list it in spec.tls; the Event gives the YAML to add in Git.</summary>
    public const string TlsReferenceMissing = "TlsReferenceMissing";
}
