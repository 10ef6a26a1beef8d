namespace CertFunctions.Core.Orchestration;

/// <summary>Custom status of an issuance: enough for a user to follow it (never a key).</summary>
/// <param name="Step">Current step.</param>
/// <param name="Hosts">Names being issued for, once known.</param>
/// <param name="OrderUrl">The ACME order, once created.</param>
/// <param name="LastError">The last error seen (a retried one too).</param>
/// <param name="Detail">Step detail (self-check progress, rate-limit wait).</param>
/// <param name="UpdatedAt">Orchestration time of this status.</param>
public sealed record IssuanceStatus(
    IssuanceStep Step,
    IReadOnlyList<string>? Hosts,
    Uri? OrderUrl,
    string? LastError,
    string? Detail,
    DateTimeOffset UpdatedAt);
