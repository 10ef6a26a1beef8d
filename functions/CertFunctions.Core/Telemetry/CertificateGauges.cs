using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Renewal;

namespace CertFunctions.Core.Telemetry;

/// <summary>
/// The per-certificate gauges: what the scan and each issuance last saw of a deployed certificate (expiry and planned
/// renewal), measured against the clock whenever an exporter collects. Kept in memory: a new process shows a
/// certificate again after the next scan (twice a day at least) or issuance.
/// </summary>
public static class CertificateGauges
{
    private static readonly ConcurrentDictionary<string, CertificateGaugeState> Certificates = new(StringComparer.Ordinal);

    /// <summary>Seconds until the certificate expires (negative once expired).</summary>
    public static readonly ObservableGauge<double> ExpiresIn = CertFunctionsMetrics.Meter.CreateObservableGauge(
        "certfunctions.certificate.expires_in", () => Measure(static (s, now) => (s.NotAfter - now).TotalSeconds), "s",
        "Seconds until the deployed certificate expires (negative once expired).");

    /// <summary>Seconds until the planned renewal (negative once it is due).</summary>
    public static readonly ObservableGauge<double> RenewsIn = CertFunctionsMetrics.Meter.CreateObservableGauge(
        "certfunctions.certificate.renews_in", () => Measure(static (s, now) => (s.PlannedRenewal - now).TotalSeconds), "s",
        "Seconds until the deployed certificate's planned renewal (negative once it is due).");

    /// <summary>1 when renewal is overdue by the ExpiryRisk rule (half the margin between plan and expiry spent), else 0.</summary>
    public static readonly ObservableGauge<int> RenewalOverdue = CertFunctionsMetrics.Meter.CreateObservableGauge(
        "certfunctions.certificate.renewal_overdue", () => Measure(static (s, now) => ExpiryRisk.Assess(s.PlannedRenewal, s.NotAfter, now) is null ? 0 : 1), "{certificate}",
        "1 when the certificate has not been renewed in time (half the time between planned renewal and expiry is spent), else 0.");

    /// <summary>The clock the gauges measure against (tests may replace it).</summary>
    public static TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Records (or replaces) what is deployed for <paramref name="certificate"/>.</summary>
    public static void Observe(CertificateRef certificate, string secretNamespace, string secretName, DateTimeOffset notAfter, DateTimeOffset plannedRenewal)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var state = new CertificateGaugeState(certificate, $"{secretNamespace}/{secretName}", notAfter, plannedRenewal);
        Certificates[Key(certificate, state.Secret)] = state;
    }

    /// <summary>Forgets a certificate (its object is gone or no longer opted in).</summary>
    public static void Forget(CertificateRef certificate, string secretNamespace, string secretName)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Certificates.TryRemove(Key(certificate, $"{secretNamespace}/{secretName}"), out _);
    }

    /// <summary>The states held now (for tests and the dashboard).</summary>
    public static IReadOnlyCollection<CertificateGaugeState> Snapshot() => [.. Certificates.Values];

    private static string Key(CertificateRef certificate, string secret) => $"{certificate.Cluster}|{certificate.Kind}|{certificate.Namespace}|{certificate.Name}|{secret}";

    private static IEnumerable<Measurement<T>> Measure<T>(Func<CertificateGaugeState, DateTimeOffset, T> value)
        where T : struct
    {
        var now = Clock.GetUtcNow();
        foreach (var state in Certificates.Values)
        {
            yield return new Measurement<T>(value(state, now), state.Tags);
        }
    }
}
