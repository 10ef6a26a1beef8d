namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Result of <see cref="CompleteIssuanceActivity"/>.</summary>
/// <param name="Stored">What was stored, or the CA's rate limit.</param>
/// <param name="CleanedUp">True when the challenge routes and tokens are gone (or there were none).</param>
/// <param name="CleanupError">Why the cleanup failed, when it did; the orchestration then retries it as its own activity.</param>
/// <param name="Reported">True when the Event and state of the stored certificate were recorded.</param>
public sealed record CompletedIssuance(FinalizeOutput Stored, bool CleanedUp, string? CleanupError, bool Reported);
