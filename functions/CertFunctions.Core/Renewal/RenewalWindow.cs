namespace CertFunctions.Core.Renewal;

/// <summary>A time window in which to renew, as the CA suggests through ARI (RFC 9773 <c>suggestedWindow</c>).</summary>
/// <param name="Start">Start of the window.</param>
/// <param name="End">End of the window.</param>
/// <param name="ExplanationUrl">Where the CA explains a window it moved, when it says.</param>
public sealed record RenewalWindow(DateTimeOffset Start, DateTimeOffset End, Uri? ExplanationUrl = null);
