using CertFunctions.Core.Certificates;
using CertFunctions.Core.Hosting;

namespace CertFunctions.Core.Orchestration;

/// <summary>The one "start an issuance unless one is running" path that the API and the scans share.</summary>
public static class IssuanceStarter
{
    /// <summary>
    /// Starts <see cref="IssueCertificateOrchestrator"/> for <paramref name="certificate"/> under its derived instance
    /// id, so a second start while one runs reports the running one (the engine's own guarantee).
    /// </summary>
    /// <param name="orchestrations">The host's orchestration gateway.</param>
    /// <param name="certificate">The certificate.</param>
    /// <param name="reason">Why it is issued.</param>
    /// <param name="startDelay">A durable wait before the first step (scan jitter), or null.</param>
    /// <param name="replaces">The ARI id of the certificate it replaces, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <param name="admitted">For a write the admission webhook saw: the object to wait for before issuing, or null.</param>
    public static async Task<OrchestrationStartResult> StartAsync(
        IOrchestrationGateway orchestrations,
        CertificateRef certificate,
        IssuanceReason reason,
        TimeSpan? startDelay,
        string? replaces,
        CancellationToken cancellationToken,
        Admission.AdmittedObject? admitted = null)
    {
        ArgumentNullException.ThrowIfNull(orchestrations);
        ArgumentNullException.ThrowIfNull(certificate);
        // The root of the issuance's trace where the engine carries the context into the orchestration (see docs/operations.md).
        using var span = Telemetry.TelemetryNames.Source.StartActivity("certfunctions start issuance");
        Telemetry.IssuanceTelemetry.Describe(span, certificate);
        span?.SetTag(Telemetry.TelemetryTags.InstanceId, certificate.InstanceId);
        span?.SetTag(Telemetry.TelemetryTags.Reason, reason.ToString());
        var result = await orchestrations.StartIfNotRunningAsync(
            IssueCertificateOrchestrator.Name,
            certificate.InstanceId,
            new IssueCertificateRequest(certificate, reason, startDelay > TimeSpan.Zero ? startDelay : null, replaces, admitted),
            cancellationToken).ConfigureAwait(false);
        if (result.Started)
        {
            Telemetry.IssuanceTelemetry.Started(certificate, reason.ToString());
        }

        return result;
    }

    /// <summary>A random delay up to <paramref name="maxJitter"/>: spreads a scan's starts over time with a durable timer, holding no compute.</summary>
    public static TimeSpan? Jitter(TimeSpan maxJitter)
        => maxJitter > TimeSpan.Zero ? TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * maxJitter.TotalMilliseconds) : null;
}
