using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Kubernetes.Gateways;

/// <summary>What a Gateway asks for: its certificates (one per Secret), its listeners, and the listeners that get none, with why.</summary>
/// <param name="Gateway">The Gateway.</param>
/// <param name="OptedIn">True when it opts in (<c>certfunctions.io/enabled: "true"</c> or <c>kubernetes.io/tls-acme</c>).</param>
/// <param name="Certificates">One per Secret named by an issuable listener, in listener order.</param>
/// <param name="Problems">Listeners that get no certificate.</param>
/// <param name="Listeners">Every listener, for routing the challenge (the HTTP ones).</param>
/// <param name="ResourceVersion">The Gateway's resourceVersion when read.</param>
/// <param name="Uid">The Gateway's uid.</param>
/// <param name="Annotations">The Gateway's annotations (per-Gateway choices).</param>
/// <param name="Generation">The Gateway's metadata.generation (0 when absent), for the admission webhook's wait.</param>
public sealed record GatewayCertificates(
    CertificateRef Gateway,
    bool OptedIn,
    IReadOnlyList<GatewayCertificateSpec> Certificates,
    IReadOnlyList<ListenerProblem> Problems,
    IReadOnlyList<GatewayListener> Listeners,
    string? ResourceVersion,
    string? Uid,
    IReadOnlyDictionary<string, string> Annotations,
    long Generation = 0);
