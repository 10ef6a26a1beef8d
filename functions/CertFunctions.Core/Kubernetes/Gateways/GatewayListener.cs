namespace CertFunctions.Core.Kubernetes.Gateways;

/// <summary>One listener of a Gateway, as far as issuance and challenge routing need it.</summary>
/// <param name="Name">The listener's name (a route's <c>sectionName</c>).</param>
/// <param name="Port">Its port.</param>
/// <param name="Protocol">HTTP, HTTPS, TLS, TCP or UDP.</param>
/// <param name="Hostname">Its hostname (lowercase), or null when it accepts any.</param>
/// <param name="TlsMode">tls.mode (Terminate when absent), null for a listener without tls.</param>
/// <param name="CertificateRefs">tls.certificateRefs in order.</param>
public sealed record GatewayListener(
    string Name,
    int Port,
    string Protocol,
    string? Hostname,
    string? TlsMode,
    IReadOnlyList<GatewayCertificateReference> CertificateRefs);
