namespace CertFunctions.Core.Renewal;

/// <summary>What one leftover sweep of a cluster did.</summary>
/// <param name="Removed">Certificates whose leftover challenge routing was removed.</param>
/// <param name="Problems">Leftovers that could not be removed, with the reason.</param>
public sealed record LeftoverSweepResult(int Removed, IReadOnlyList<string> Problems);
