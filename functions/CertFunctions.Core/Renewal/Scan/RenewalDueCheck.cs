using CertFunctions.Core.Issuers;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Events;
using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Core.Orchestration;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Renewal.Scan;

/// <summary>
/// Decides whether one certificate is due: from its stored plan, or, when that says not yet, from the CA's current
/// renewal window (RFC 9773), which a CA may move after issuance; an early renewal is explained on the Ingress.
/// </summary>
public sealed partial class RenewalDueCheck(RenewalAdvisor advisor, AcmeIssuerCatalog issuers, IngressEventRecorder events, ILogger<RenewalDueCheck> logger)
{
    /// <summary>Why an issuance is due now, or null.</summary>
    public async Task<IssuanceReason?> CheckAsync(IngressCertificateSpec spec, DeployedCertificate? deployed, ScanRun scan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(scan);
        var reason = RenewalDecision.Due(spec.Hosts, deployed, scan.Now);
        if (reason is null && deployed is not null && issuers.Find(spec.Issuer) is { } wanted && RenewalDecision.IssuerChanged(deployed, wanted))
        {
            // The object names another issuer now (staging to production, say): its certificate comes from there at once.
            LogIssuerChanged(logger, spec.Certificate, deployed.IssuerName ?? deployed.AcmeDirectory, wanted.Name);
            return IssuanceReason.IssuerChanged;
        }

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
