namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>Result of <see cref="ValidateActivity"/>.</summary>
/// <param name="State">Valid, invalid or still pending.</param>
/// <param name="Failure">The CA's reason per name when invalid.</param>
/// <param name="RetryAfter">When pending: how long to wait before asking again.</param>
public sealed record ValidateOutput(ValidationState State, string? Failure, TimeSpan? RetryAfter);
