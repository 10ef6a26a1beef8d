using CertFunctions.Core.Issuers;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Events;
using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Core.Orchestration;
using CertFunctions.Core.Renewal.Scan;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Renewal;

/// <summary>
/// The one rule for "does this certificate need issuing now", for Ingresses and Gateways alike. Its CA-free part
/// (<see cref="Decide"/>: no certificate, expired, a name not covered, the stored plan due, another issuer asked for) is what
/// discovery and the webhook ask; the renewal scan asks <see cref="DecideAsync"/>, which adds the CA's current renewal window
/// (RFC 9773) when the CA-free part says not yet, and explains an early renewal on the object.
/// </summary>
public sealed partial class IssuanceDecision(RenewalAdvisor advisor, AcmeIssuerCatalog issuers, IngressEventRecorder events, ILogger<IssuanceDecision> logger)
{
    /// <summary>Why <paramref name="spec"/> needs an issuance now without asking the CA, or null.</summary>
    public IssuanceReason? Decide(IngressCertificateSpec spec, DeployedCertificate? deployed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var reason = RenewalDecision.Due(spec.Hosts, deployed, now);
        if (reason is null && deployed is not null && issuers.Find(spec.Issuer) is { } wanted && RenewalDecision.IssuerChanged(deployed, wanted))
        {
            // The object names another issuer now (staging to production, say): its certificate comes from there at once.
            LogIssuerChanged(logger, spec.Certificate, deployed.IssuerName ?? deployed.AcmeDirectory, wanted.Name);
            return IssuanceReason.IssuerChanged;
        }

        return reason;
    }

    /// <summary>Why an issuance is due now, or null: <see cref="Decide"/>, then, when the scan may ask, the CA's renewal window.</summary>
    public async Task<IssuanceReason?> DecideAsync(IngressCertificateSpec spec, DeployedCertificate? deployed, ScanRun scan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(scan);
        var reason = Decide(spec, deployed, scan.Now);
        if (reason is not null || !scan.AskCa || deployed is null)
        {
            return reason;
        }

        var window = await advisor.GetWindowAsync(deployed, cancellationToken).ConfigureAwait(false);
        reason = window is null ? null : RenewalDecision.Due(spec.Hosts, deployed, scan.Now, window);
        if (reason is null)
        {
            return null;
        }

        scan.Count(ScanCounter.DueByCaWindow);
        LogDueByCaWindow(logger, spec.Certificate, window!.Start, window.End);

        // The owner should learn why a certificate renews weeks early: the CA's own words, where it gives them.
        await events.RecordAsync(
            spec.Certificate,
            IngressEventReasons.RenewalWindowMoved,
            $"The CA now suggests renewing between {window.Start:u} and {window.End:u} (RFC 9773 renewal info), earlier than " +
            $"planned{(deployed.PlannedRenewal is { } planned ? $" ({planned:u})" : string.Empty)}; the certificate is due now" +
            $"{(window.ExplanationUrl is { } why ? $". The CA explains: {why}" : string.Empty)}.",
            IngressEventType.Normal,
            cancellationToken).ConfigureAwait(false);
        return reason;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Certificate} is due: issued by {Previous}, it now asks for issuer {Issuer}")]
    private static partial void LogIssuerChanged(ILogger logger, Certificates.CertificateRef certificate, string? previous, string issuer);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Certificate} is due: the CA now suggests renewing between {WindowStart} and {WindowEnd}")]
    private static partial void LogDueByCaWindow(ILogger logger, Certificates.CertificateRef certificate, DateTimeOffset windowStart, DateTimeOffset windowEnd);
}
