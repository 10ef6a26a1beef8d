using System.Diagnostics.Metrics;

namespace CertFunctions.Core.Telemetry;

/// <summary>
/// The instruments of the <c>CertFunctions</c> Meter. Static, like the runtime's own meters: instruments cost nothing
/// until an exporter listens, and counting sites (static helpers, the HTTP handlers) need no container.
/// </summary>
public static class CertFunctionsMetrics
{
    /// <summary>The Meter.</summary>
    public static readonly Meter Meter = new(TelemetryNames.Meter);

    /// <summary>Issuances started (a new orchestration, not one already running).</summary>
    public static readonly Counter<long> IssuancesStarted = Meter.CreateCounter<long>(
        "certfunctions.issuance.started", "{issuance}", "Issuances started (a new orchestration, not one already running).");

    /// <summary>Issuances ended, by outcome and failure kind.</summary>
    public static readonly Counter<long> IssuancesCompleted = Meter.CreateCounter<long>(
        "certfunctions.issuance.completed", "{issuance}", "Issuances ended, tagged with outcome (succeeded, failed) and failure kind (the step it failed in).");

    /// <summary>From the orchestration's start to its reported outcome.</summary>
    public static readonly Histogram<double> IssuanceDuration = Meter.CreateHistogram<double>(
        "certfunctions.issuance.duration", "s", "Time from an issuance's start to its reported outcome.");

    /// <summary>Self-check rounds, by result.</summary>
    public static readonly Counter<long> SelfCheckRounds = Meter.CreateCounter<long>(
        "certfunctions.selfcheck.rounds", "{round}", "Self-check rounds (fetching the challenge URLs before telling the CA), tagged passed or failed.");

    /// <summary>Rate-limit answers from the CA that make an issuance wait (Retry-After).</summary>
    public static readonly Counter<long> RateLimitWaits = Meter.CreateCounter<long>(
        "certfunctions.ratelimit.waits", "{wait}", "Rate-limit answers from the CA that made an issuance wait for Retry-After.");

    /// <summary>HTTP requests to the CA.</summary>
    public static readonly Counter<long> AcmeRequests = Meter.CreateCounter<long>(
        "certfunctions.acme.requests", "{request}", "HTTP requests to the ACME CA, tagged with endpoint kind, method and status code.");

    /// <summary>Duration of HTTP requests to the CA.</summary>
    public static readonly Histogram<double> AcmeRequestDuration = Meter.CreateHistogram<double>(
        "certfunctions.acme.request.duration", "s", "Duration of HTTP requests to the ACME CA.");

    /// <summary>Kubernetes API requests.</summary>
    public static readonly Counter<long> KubernetesRequests = Meter.CreateCounter<long>(
        "certfunctions.kubernetes.requests", "{request}", "Kubernetes API requests, tagged with cluster, verb, resource and status code.");

    /// <summary>Duration of Kubernetes API requests.</summary>
    public static readonly Histogram<double> KubernetesRequestDuration = Meter.CreateHistogram<double>(
        "certfunctions.kubernetes.request.duration", "s", "Duration of Kubernetes API requests.");

    /// <summary>Renewal scans and discovery runs.</summary>
    public static readonly Counter<long> ScanRuns = Meter.CreateCounter<long>(
        "certfunctions.scan.runs", "{run}", "Renewal scans and discovery runs, tagged renewal or discovery.");

    /// <summary>Duration of a scan.</summary>
    public static readonly Histogram<double> ScanDuration = Meter.CreateHistogram<double>(
        "certfunctions.scan.duration", "s", "Duration of a renewal scan or discovery run.");

    /// <summary>Objects a scan looked at.</summary>
    public static readonly Counter<long> ScanObjects = Meter.CreateCounter<long>(
        "certfunctions.scan.objects", "{object}", "Opted-in objects a renewal scan or discovery run looked at.");

    /// <summary>Issuances a scan started.</summary>
    public static readonly Counter<long> ScanStarted = Meter.CreateCounter<long>(
        "certfunctions.scan.started", "{issuance}", "Issuances a renewal scan or discovery run started.");

    /// <summary>Problems a scan reported.</summary>
    public static readonly Counter<long> ScanProblems = Meter.CreateCounter<long>(
        "certfunctions.scan.problems", "{problem}", "Problems a renewal scan or discovery run reported (a cluster unreachable, a certificate that could not be checked).");

    /// <summary>Notification deliveries that ended, by result.</summary>
    public static readonly Counter<long> NotificationDeliveries = Meter.CreateCounter<long>(
        "certfunctions.notification.deliveries", "{delivery}", "Notification deliveries to one webhook that ended, tagged delivered, refused (4xx) or unreachable (after every retry).");

    /// <summary>Records how the delivery of one event to one webhook ended.</summary>
    public static void RecordNotificationDelivery(string result, string webhook, string notificationEvent) =>
        NotificationDeliveries.Add(
            1,
            new KeyValuePair<string, object?>(TelemetryTags.Result, result),
            new KeyValuePair<string, object?>(TelemetryTags.Webhook, webhook),
            new KeyValuePair<string, object?>(TelemetryTags.NotificationEvent, notificationEvent));

    /// <summary>Records one finished scan.</summary>
    public static void RecordScan(string kind, TimeSpan duration, int objects, int started, int problems)
    {
        var tag = new KeyValuePair<string, object?>(TelemetryTags.ScanKind, kind);
        ScanRuns.Add(1, tag);
        ScanDuration.Record(duration.TotalSeconds, tag);
        ScanObjects.Add(objects, tag);
        ScanStarted.Add(started, tag);
        ScanProblems.Add(problems, tag);
    }
}
