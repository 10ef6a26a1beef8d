using CertFunctions.Core.Kubernetes.Errors;

namespace CertFunctions.Core.Issuers;

/// <summary>An object asks for an ACME issuer that is not configured; nothing was changed (a Warning Event, a 400).</summary>
public sealed class UnknownIssuerException(string message) : PermanentKubernetesException(message);
