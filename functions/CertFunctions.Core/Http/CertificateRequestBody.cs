namespace CertFunctions.Core.Http;

/// <summary>Body of <c>POST /api/certificates</c>.</summary>
/// <param name="Cluster">Configured cluster name; the default cluster when omitted.</param>
/// <param name="Namespace">Namespace of the Ingress.</param>
/// <param name="Ingress">Name of the Ingress.</param>
public sealed record CertificateRequestBody(string? Cluster, string? Namespace, string? Ingress);
