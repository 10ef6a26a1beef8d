namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Result of <see cref="PrepareIssuanceActivity"/>: the plan read from the Ingress and the order created for it.</summary>
/// <param name="Plan">What the issuance will do.</param>
/// <param name="Order">The order and its challenges, or the CA's rate limit.</param>
public sealed record PreparedIssuance(IssuancePlan Plan, CreateOrderOutput Order);
