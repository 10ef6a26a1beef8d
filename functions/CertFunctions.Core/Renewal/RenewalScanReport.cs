namespace CertFunctions.Core.Renewal;

/// <summary>What one renewal scan found and did.</summary>
/// <param name="Scanned">Opted-in Ingresses seen.</param>
/// <param name="Due">Certificates due (renewal or first issuance).</param>
/// <param name="Started">Issuances started.</param>
/// <param name="AlreadyRunning">Due certificates whose issuance was already running.</param>
/// <param name="BackingOff">Due certificates skipped because of their failure back-off.</param>
/// <param name="Problems">Ingresses that cannot be served, with the reason.</param>
/// <param name="DueByCaWindow">Of <paramref name="Due"/>, certificates due only because the CA moved their renewal window.</param>
/// <param name="LeftoversRemoved">Certificates whose challenge routing, left by an issuance no longer running, was removed.</param>
/// <param name="AtRisk">Deployed certificates past half their margin before expiry, or expired, without a renewal (each got a Warning Event).</param>
/// <param name="StatesRetired">Stored states dropped because their Ingress is gone or no longer opts in.</param>
/// <param name="SharedSecret">Opted-in Ingresses whose Secret another opted-in Ingress owns; they use it as it is.</param>
/// <param name="TokensRemoved">Challenge tokens deleted because the instance that published them ended without routing them.</param>
public sealed record RenewalScanReport(
    int Scanned,
    int Due,
    int Started,
    int AlreadyRunning,
    int BackingOff,
    IReadOnlyList<string> Problems,
    int DueByCaWindow = 0,
    int LeftoversRemoved = 0,
    int AtRisk = 0,
    int StatesRetired = 0,
    int SharedSecret = 0,
    int TokensRemoved = 0);
