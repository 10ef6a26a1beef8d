namespace CertFunctions.Core.Kubernetes.Gateways;

/// <summary>The Event reasons of <see cref="ListenerProblem"/>.</summary>
public static class ListenerProblemReasons
{
    /// <summary>An HTTPS listener without a hostname: HTTP-01 needs a name.</summary>
    public const string NoHostname = "ListenerWithoutHostname";

    /// <summary>A wildcard hostname: HTTP-01 cannot validate it.</summary>
    public const string Wildcard = "ListenerWildcardHostname";

    /// <summary>A hostname that is not a DNS name we can validate (an IP, a bad label).</summary>
    public const string InvalidHostname = "ListenerInvalidHostname";

    /// <summary>A Terminate listener naming no certificateRef (implementation options instead).</summary>
    public const string NoCertificateRef = "ListenerWithoutCertificateRef";

    /// <summary>The first certificateRef is not a core Secret.</summary>
    public const string UnsupportedCertificateRef = "ListenerCertificateRefNotSecret";

    /// <summary>A Secret in another namespace without a ReferenceGrant that allows it.</summary>
    public const string RefNotPermitted = "ListenerCertificateRefNotPermitted";

    /// <summary>More hostnames share a Secret than one certificate may hold.</summary>
    public const string TooManyNames = "ListenerSecretTooManyNames";
}
