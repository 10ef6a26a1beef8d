using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Input of <see cref="CreateOrderActivity"/>.</summary>
public sealed record CreateOrderInput(CertificateRef Certificate, IReadOnlyList<string> Hosts, string? Profile, string? Replaces);
