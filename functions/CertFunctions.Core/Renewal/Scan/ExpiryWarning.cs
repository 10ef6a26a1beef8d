using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Events;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Renewal.Scan;

/// <summary>Says on the Ingress, on every scan while it lasts, that a certificate is expiring (or expired) without a renewal.</summary>
public sealed partial class ExpiryWarning(IngressEventRecorder events, ILogger<ExpiryWarning> logger)
{
    /// <summary>Records the Warning Event and the log line for <paramref name="risk"/>.</summary>
    public async Task WarnAsync(IngressCertificateSpec spec, ExpiryRisk risk, CertificateState? state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(risk);

        // Every scan: Kubernetes keeps Events for an hour by default, so one would be gone by the next.
        var failures = state is { ConsecutiveFailures: > 0, LastError: { } error }
            ? $" {state.ConsecutiveFailures} attempt(s) failed, the last: {error}"
            : " No attempt has failed so far.";
        var backOff = state?.NextAttemptAfter is { } next && next > now ? $" Next attempt after {next:u} (back-off)." : string.Empty;
        LogAtRisk(logger, spec.Certificate, spec.SecretName, risk.Describe(now));
        await events.RecordAsync(
            spec.Certificate,
            risk.Expired ? IngressEventReasons.CertificateExpired : IngressEventReasons.CertificateExpiring,
            $"The certificate in Secret {spec.SecretName} {risk.Describe(now)} and has not been renewed (due since {risk.PlannedRenewal:u}).{failures}{backOff}",
            IngressEventType.Warning,
            cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Certificate}: the certificate in Secret {SecretName} {Expiry} and has not been renewed")]
    private static partial void LogAtRisk(ILogger logger, Certificates.CertificateRef certificate, string secretName, string expiry);
}
