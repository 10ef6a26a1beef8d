using System.Collections.Concurrent;
using CertFunctions.Core.Acme;
using CertFunctions.Core.Kubernetes.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Renewal;

/// <summary>
/// Asks the CA for the current renewal window of deployed certificates (RFC 9773), so a window the CA moves after
/// issuance — ahead of a mass revocation, say — is seen at the next scan rather than at the next renewal. Each
/// certificate is asked at most as often as the CA's Retry-After allows (6 hours when it gives none).
/// </summary>
public sealed partial class RenewalAdvisor(
    IRenewalInfoSource source,
    IOptions<AcmeOptions> acmeOptions,
    TimeProvider timeProvider,
    ILogger<RenewalAdvisor> logger)
{
    /// <summary>How long an answer is used when the CA gives no Retry-After.</summary>
    public static readonly TimeSpan DefaultRecheck = TimeSpan.FromHours(6);

    // Bounds on the CA's Retry-After: not a request per scan for a CA that says 0, not days for one that says more.
    private static readonly TimeSpan MinRecheck = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxRecheck = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<string, Advice> _advice = new(StringComparer.Ordinal);

    /// <summary>
    /// True when the configured CA offers renewalInfo. Asked once per scan, so a CA without it (or out of reach)
    /// costs one request, not one per certificate.
    /// </summary>
    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken)
    {
        // Once per scan, forget answers long past their re-check time (renewed or removed certificates are never
        // asked about again), so the cache holds the current fleet, not every certificate this instance has seen.
        var stale = timeProvider.GetUtcNow() - MaxRecheck;
        foreach (var (id, advice) in _advice)
        {
            if (advice.NextCheck < stale)
            {
                _advice.TryRemove(id, out _);
            }
        }

        try
        {
            return await source.IsOfferedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever the cause (CA down, account store unreachable, bad answer), the scan goes on without advice.
            LogUnavailable(logger, acmeOptions.Value.DirectoryUrl, ex.Message);
            return false;
        }
    }

    /// <summary>
    /// The CA's current window for a certificate it issued (per the Secret's directory annotation), or null: not
    /// ours, not from this CA, no identifier, no advice, or the CA could not be asked (the last answer is kept).
    /// </summary>
    public async Task<RenewalWindow?> GetWindowAsync(DeployedCertificate deployed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployed);
        if (deployed.AriCertificateId is not { } id || !IssuedByConfiguredCa(deployed))
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        _advice.TryGetValue(id, out var known);
        if (known is not null && known.NextCheck > now)
        {
            return known.Window;
        }

        try
        {
            var info = await source.GetAsync(id, cancellationToken).ConfigureAwait(false);
            var window = info is null ? null : new RenewalWindow(info.WindowStart, info.WindowEnd, info.ExplanationUrl);
            _advice[id] = new Advice(window, now + Clamp(info?.RetryAfter ?? DefaultRecheck));
            return window;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Advice, not a requirement: keep the planned renewal (and the last window, if any) and ask next scan.
            LogAdviceFailed(logger, deployed.Namespace, deployed.SecretName, ex.Message);
            return known?.Window;
        }
    }

    /// <summary>True for a certificate we stored from the configured CA (a renewal may then name it in <c>replaces</c>).</summary>
    public bool IssuedByConfiguredCa(DeployedCertificate deployed)
    {
        ArgumentNullException.ThrowIfNull(deployed);
        return deployed.ManagedByUs && string.Equals(deployed.AcmeDirectory, acmeOptions.Value.DirectoryUrl.AbsoluteUri, StringComparison.Ordinal);
    }

    private static TimeSpan Clamp(TimeSpan retryAfter) =>
        retryAfter < MinRecheck ? MinRecheck : retryAfter > MaxRecheck ? MaxRecheck : retryAfter;

    private sealed record Advice(RenewalWindow? Window, DateTimeOffset NextCheck);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The CA at {Directory} could not be asked for renewal windows; this scan uses the planned renewals: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, Uri directory, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Renewal window of Secret {Namespace}/{SecretName} not available; keeping its planned renewal: {Reason}")]
    private static partial void LogAdviceFailed(ILogger logger, string @namespace, string secretName, string reason);
}
