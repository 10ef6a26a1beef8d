using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>What a Gateway's run issues: one certificate per Secret, in listener order; and the listeners that get none.</summary>
/// <param name="Certificates">One reference per Secret (the Gateway with <see cref="CertificateRef.Secret"/> set).</param>
/// <param name="Problems">Why other listeners get no certificate (each also recorded as a Warning Event on the Gateway).</param>
public sealed record GatewayIssuancePlan(IReadOnlyList<CertificateRef> Certificates, IReadOnlyList<string> Problems);
