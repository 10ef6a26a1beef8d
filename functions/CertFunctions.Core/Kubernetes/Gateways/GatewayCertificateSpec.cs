using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Kubernetes.Gateways;

/// <summary>One certificate a Gateway asks for: the Secret its listeners name, with every hostname of those listeners.</summary>
/// <param name="Gateway">The Gateway.</param>
/// <param name="SecretNamespace">The Secret's namespace (the Gateway's, or another one a ReferenceGrant allows).</param>
/// <param name="SecretName">The Secret's name.</param>
/// <param name="Hosts">The listeners' hostnames, lowercase, distinct, in listener order.</param>
/// <param name="Listeners">The names of the listeners that share this Secret.</param>
public sealed record GatewayCertificateSpec(
    CertificateRef Gateway,
    string SecretNamespace,
    string SecretName,
    IReadOnlyList<string> Hosts,
    IReadOnlyList<string> Listeners);
