namespace CertFunctions.EndToEnd.Tests.Durable;

/// <summary>Input of the two-step sample orchestration.</summary>
public sealed record OrderRequest(string Customer, int Quantity);

/// <summary>Output of the quote activity.</summary>
public sealed record Quote(string Customer, int Quantity, decimal UnitPrice);

/// <summary>Output of the confirm activity and of the two-step orchestration.</summary>
public sealed record OrderConfirmation(string Customer, decimal Total, string Reference);

/// <summary>Custom status the sample orchestrations report.</summary>
public sealed record SampleStatus(string Stage, int Step);

/// <summary>Payload of the approval event.</summary>
public sealed record Approval(string ApprovedBy, bool Approved);

/// <summary>Input of the timer orchestration.</summary>
public sealed record TimerRequest(int DelaySeconds, string Label);

/// <summary>Output of the timer orchestration.</summary>
public sealed record TimerResult(string Label, DateTime ScheduledAt, DateTime FiredAt, string Stamp);

/// <summary>Input of the retry orchestration.</summary>
/// <param name="Permanent">Fail with a permanent error (not retried) instead of a transient one.</param>
public sealed record RetryRequest(string Key, int FailuresBeforeSuccess, int MaxAttempts, bool Permanent = false);
