namespace CertFunctions.Core.Hosting;

/// <summary>Why an orchestration failed.</summary>
/// <param name="ErrorType">The exception type name that ended it.</param>
/// <param name="Message">The message; never holds secrets.</param>
public sealed record OrchestrationFailure(string ErrorType, string Message);
