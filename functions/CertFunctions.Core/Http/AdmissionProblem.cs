namespace CertFunctions.Core.Http;

/// <summary>Why the API refuses to start an issuance, as the problem+json answer gives it.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Title">A short, fixed summary.</param>
/// <param name="Detail">What is wrong and what to do, for people.</param>
public sealed record AdmissionProblem(int Status, string Title, string Detail);
