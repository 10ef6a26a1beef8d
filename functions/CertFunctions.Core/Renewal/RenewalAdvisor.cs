using System.Collections.Concurrent;
using CertFunctions.Core.Issuers;
using CertFunctions.Core.Kubernetes.Secrets;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Renewal;

/// <summary>
/// Asks each issuer's CA for the current renewal window of the certificates it issued (RFC 9773), so a window the CA
/// moves after issuance — ahead of a mass revocation, say — is seen at the next scan rather than at the next renewal.
/// Each certificate is asked at most as often as its CA's Retry-After allows (6 hours when it gives none); whether a
/// CA offers renewal info at all is asked once per scan and per issuer, so each issuer's checks are its own.
/// </summary>
public sealed partial class RenewalAdvisor(
    IRenewalInfoSource source,
    AcmeIssuerCatalog issuers,
    TimeProvider timeProvider,
    ILogger<RenewalAdvisor> logger)
{
    /// <summary>How long an answer is used when the CA gives no Retry-After.</summary>
    public static readonly TimeSpan DefaultRecheck = TimeSpan.FromHours(6);

    // Bounds on the CA's Retry-After: not a request per scan for a CA that says 0, not days for one that says more.
    private static readonly TimeSpan MinRecheck = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxRecheck = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<(string Issuer, string Id), Advice> _advice = new();
    // Null until a scan has asked (then a CA not in it is not asked per certificate).
    private volatile HashSet<string>? _offering;

    /// <summary>
    /// True when at least one issuer's CA offers renewalInfo; remembers which do for this scan. Asked once per scan
    /// and issuer, so a CA without it (or out of reach) costs one request, not one per certificate.
    /// </summary>
    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken)
    {
        // Once per scan, forget answers long past their re-check time (renewed or removed certificates are never
        // asked about again), so the cache holds the current fleet, not every certificate this instance has seen.
        var stale = timeProvider.GetUtcNow() - MaxRecheck;
        foreach (var (key, advice) in _advice)
        {
            if (advice.NextCheck < stale)
            {
                _advice.TryRemove(key, out _);
            }
        }

        var answers = await Task.WhenAll(issuers.All.Select(async issuer => (issuer.Name, Offered: await OffersAsync(issuer, cancellationToken).ConfigureAwait(false))))
            .ConfigureAwait(false);
        var offering = answers.Where(a => a.Offered).Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        _offering = offering;
        return offering.Count > 0;
    }

    /// <summary>
    /// The current window of its CA for a certificate we issued (per the Secret's issuer and directory annotations), or
    /// null: not ours, from no configured issuer, no identifier, no advice, or the CA could not be asked (the last answer is kept).
    /// </summary>
    public async Task<RenewalWindow?> GetWindowAsync(DeployedCertificate deployed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployed);
        if (deployed.AriCertificateId is not { } id || IssuerOf(deployed) is not { } issuer || _offering?.Contains(issuer.Name) == false)
        {
            return null;
        }

        var key = (issuer.Name, id);
        var now = timeProvider.GetUtcNow();
        _advice.TryGetValue(key, out var known);
        if (known is not null && known.NextCheck > now)
        {
            return known.Window;
        }

        try
        {
            var info = await source.GetAsync(issuer, id, cancellationToken).ConfigureAwait(false);
            var window = info is null ? null : new RenewalWindow(info.WindowStart, info.WindowEnd, info.ExplanationUrl);
            _advice[key] = new Advice(window, now + Clamp(info?.RetryAfter ?? DefaultRecheck));
            return window;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Advice, not a requirement: keep the planned renewal (and the last window, if any) and ask next scan.
            LogAdviceFailed(logger, deployed.Namespace, deployed.SecretName, issuer.Name, ex.Message);
            return known?.Window;
        }
    }

    /// <summary>
    /// The configured issuer whose CA issued a certificate we stored, or null (not ours, or from no issuer configured
    /// now). The Secret names its issuer; one written before named issuers is matched by its directory, the default
    /// issuer first. A renewal may name the certificate in <c>replaces</c> only at that issuer.
    /// </summary>
    public AcmeIssuer? IssuerOf(DeployedCertificate deployed)
    {
        ArgumentNullException.ThrowIfNull(deployed);
        if (!deployed.ManagedByUs || deployed.AcmeDirectory is not { } directory)
        {
            return null;
        }

        bool FromDirectory(AcmeIssuer issuer) => string.Equals(issuer.DirectoryUrl.AbsoluteUri, directory, StringComparison.Ordinal);
        if (deployed.IssuerName is { } name)
        {
            return issuers.Find(name) is { } named && FromDirectory(named) ? named : null;
        }

        return FromDirectory(issuers.Default)
            ? issuers.Default
            : issuers.All.Where(FromDirectory).OrderBy(i => i.Name, StringComparer.Ordinal).FirstOrDefault();
    }

    private async Task<bool> OffersAsync(AcmeIssuer issuer, CancellationToken cancellationToken)
    {
        try
        {
            return await source.IsOfferedAsync(issuer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever the cause (CA down, account store unreachable, bad answer), the scan goes on without this CA's advice.
            LogUnavailable(logger, issuer.Name, issuer.DirectoryUrl, ex.Message);
            return false;
        }
    }

    private static TimeSpan Clamp(TimeSpan retryAfter) =>
        retryAfter < MinRecheck ? MinRecheck : retryAfter > MaxRecheck ? MaxRecheck : retryAfter;

    private sealed record Advice(RenewalWindow? Window, DateTimeOffset NextCheck);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The CA of issuer {Issuer} at {Directory} could not be asked for renewal windows; this scan uses its certificates' planned renewals: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string issuer, Uri directory, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Renewal window of Secret {Namespace}/{SecretName} (issuer {Issuer}) not available; keeping its planned renewal: {Reason}")]
    private static partial void LogAdviceFailed(ILogger logger, string @namespace, string secretName, string issuer, string reason);
}
