namespace CertFunctions.Core.Orchestration;

/// <summary>Custom status of an issuance: enough for a user to follow it (never a key).</summary>
/// <param name="Step">Current step.</param>
/// <param name="Hosts">Names being issued for, once known.</param>
/// <param name="OrderUrl">The ACME order, once created.</param>
/// <param name="LastError">The last error seen (a retried one too).</param>
/// <param name="Detail">Step detail (self-check progress, rate-limit wait).</param>
/// <param name="UpdatedAt">Orchestration time of this status.</param>
/// <param name="Operations">
/// A Gateway's run: the operations (sub-orchestrations) it runs, one per Secret, once known. A cancellation reads them
/// here to end them too, since terminating an orchestration does not end its sub-orchestrations.
/// </param>
public sealed record IssuanceStatus(
    IssuanceStep Step,
    IReadOnlyList<string>? Hosts,
    Uri? OrderUrl,
    string? LastError,
    string? Detail,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<string>? Operations = null);
