namespace CertFunctions.Core.Http;

/// <summary>Body of <c>POST /api/certificates</c>.</summary>
/// <param name="Cluster">Configured cluster name; the default cluster when omitted.</param>
/// <param name="Namespace">Namespace of the Ingress or Gateway.</param>
/// <param name="Ingress">Name of the Ingress (or leave it out and name a Gateway).</param>
/// <param name="Gateway">Name of the Gateway, instead of an Ingress: one certificate per Secret its HTTPS listeners name.</param>
public sealed record CertificateRequestBody(string? Cluster, string? Namespace, string? Ingress, string? Gateway = null);
