namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Input of <see cref="CompleteIssuanceActivity"/>.</summary>
/// <param name="Finalize">The order to finalize and where to store the certificate.</param>
/// <param name="Cleanup">The challenge routes and tokens to remove once the certificate is stored; null when nothing was presented.</param>
/// <param name="Report">How to report the stored certificate (Event and state); null leaves the report to the orchestration.</param>
public sealed record CompleteIssuanceInput(FinalizeInput Finalize, CleanupInput? Cleanup, SuccessReport? Report);
