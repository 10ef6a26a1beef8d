using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Input of <see cref="CreateOrderActivity"/>.</summary>
/// <param name="Certificate">The object.</param>
/// <param name="Hosts">The names to order.</param>
/// <param name="Profile">The ACME profile, if any.</param>
/// <param name="Replaces">The ARI id of the certificate being renewed, if any.</param>
/// <param name="Issuer">The named issuer to order from (null: the default, as in inputs scheduled before named issuers).</param>
public sealed record CreateOrderInput(CertificateRef Certificate, IReadOnlyList<string> Hosts, string? Profile, string? Replaces, string? Issuer = null);
