using System.Diagnostics;
using CertFunctions.Core.Certificates;

namespace CertFunctions.Core.Telemetry;

/// <summary>The one-line calls the issuance sites make: counts, durations and spans, tagged the same way everywhere.</summary>
public static class IssuanceTelemetry
{
    /// <summary>An issuance was started (not one already running).</summary>
    public static void Started(CertificateRef certificate, string reason)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        CertFunctionsMetrics.IssuancesStarted.Add(
            1, new(TelemetryTags.Kind, certificate.Kind.ToString()), new(TelemetryTags.Reason, reason), new(TelemetryTags.Cluster, certificate.Cluster));
    }

    /// <summary>An issuance ended; <paramref name="failureKind"/> is null on success. Called once per outcome, from an activity (never a replaying orchestrator).</summary>
    public static void Completed(CertificateRef certificate, string? issuer, string? failureKind, TimeSpan? duration)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ReadOnlySpan<KeyValuePair<string, object?>> tags =
        [
            new(TelemetryTags.Kind, certificate.Kind.ToString()),
            new(TelemetryTags.Cluster, certificate.Cluster),
            new(TelemetryTags.Issuer, issuer ?? "default"),
            new(TelemetryTags.Outcome, failureKind is null ? "succeeded" : "failed"),
            new(TelemetryTags.FailureKind, failureKind ?? "none"),
        ];
        CertFunctionsMetrics.IssuancesCompleted.Add(1, tags);
        if (duration is { } elapsed && elapsed >= TimeSpan.Zero)
        {
            CertFunctionsMetrics.IssuanceDuration.Record(elapsed.TotalSeconds, tags);
        }
    }

    /// <summary>One self-check round finished.</summary>
    public static void SelfCheckRound(bool passed)
        => CertFunctionsMetrics.SelfCheckRounds.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Result, passed ? "passed" : "failed"));

    /// <summary>The CA rate-limited a step, so the issuance waits for Retry-After.</summary>
    public static void RateLimited(string step)
        => CertFunctionsMetrics.RateLimitWaits.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Step, step));

    /// <summary>Starts the span of one issuance step (a Durable activity); null when nobody listens.</summary>
    public static Activity? StartStep(string step, string instanceId)
    {
        var activity = TelemetryNames.Source.StartActivity("certfunctions " + step);
        activity?.SetTag(TelemetryTags.Step, step);
        activity?.SetTag(TelemetryTags.InstanceId, instanceId);
        return activity;
    }

    /// <summary>Adds the certificate's attributes (cluster, namespace, kind, name) to <paramref name="activity"/>.</summary>
    public static void Describe(Activity? activity, CertificateRef certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        activity?.SetTag(TelemetryTags.Cluster, certificate.Cluster);
        activity?.SetTag(TelemetryTags.Namespace, certificate.Namespace);
        activity?.SetTag(TelemetryTags.Kind, certificate.Kind.ToString());
        activity?.SetTag(TelemetryTags.Name, certificate.Name);
    }
}
