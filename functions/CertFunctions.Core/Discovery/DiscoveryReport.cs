namespace CertFunctions.Core.Discovery;

/// <summary>What one discovery run did.</summary>
/// <param name="Skipped">True when another run held the lease, so this one did nothing.</param>
/// <param name="Listed">Ingresses listed (metadata only).</param>
/// <param name="ListRequests">List requests made.</param>
/// <param name="Checked">Changed objects read and checked.</param>
/// <param name="Started">Issuances started.</param>
/// <param name="AlreadyRunning">Issuances already running for a changed object.</param>
/// <param name="Problems">Clusters or objects that could not be checked, with the reason.</param>
public sealed record DiscoveryReport(bool Skipped, int Listed, int ListRequests, int Checked, int Started, int AlreadyRunning, IReadOnlyList<string> Problems);
