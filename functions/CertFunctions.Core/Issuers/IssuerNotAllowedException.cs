using CertFunctions.Core.Kubernetes.Errors;

namespace CertFunctions.Core.Issuers;

/// <summary>An object asks for an ACME issuer its namespace may not use (<c>AllowedNamespaces</c>); nothing was changed.</summary>
public sealed class IssuerNotAllowedException(string message) : PermanentKubernetesException(message);
