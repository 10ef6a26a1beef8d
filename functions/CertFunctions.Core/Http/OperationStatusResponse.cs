using CertFunctions.Core.Certificates;
using CertFunctions.Core.Orchestration;

namespace CertFunctions.Core.Http;

/// <summary>What <c>GET /api/certificates/operations/{id}</c> returns.</summary>
/// <param name="Id">The operation (orchestration instance) id.</param>
/// <param name="Certificate">The Ingress, when known.</param>
/// <param name="Status">Pending, Running, Completed, Failed, Terminated or Suspended.</param>
/// <param name="Progress">The custom status: step, names, order URL, last error.</param>
/// <param name="Result">The issued certificate, when completed.</param>
/// <param name="Failure">The reason, when failed.</param>
/// <param name="CreatedAt">When the operation started.</param>
/// <param name="LastUpdatedAt">When it last changed.</param>
/// <param name="StatusUrl">This resource.</param>
public sealed record OperationStatusResponse(
    string Id,
    CertificateRef? Certificate,
    string Status,
    IssuanceStatus? Progress,
    IssuanceResult? Result,
    string? Failure,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string StatusUrl);
