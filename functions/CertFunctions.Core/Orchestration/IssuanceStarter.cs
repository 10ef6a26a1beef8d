using CertFunctions.Core.Hosting;

namespace CertFunctions.Core.Orchestration;

/// <summary>The one "start an issuance unless one is running" path that the API and the scans share.</summary>
public static class IssuanceStarter
{
    /// <summary>
    /// Starts <see cref="IssueCertificateOrchestrator"/> for the request's certificate under its derived instance id, so a
    /// second start while one runs reports the running one (the engine's own guarantee).
    /// </summary>
    /// <param name="orchestrations">The host's orchestration gateway.</param>
    /// <param name="request">What to issue, why, and how (start delay, ARI id, admitted write, a Gateway's due Secrets).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static async Task<OrchestrationStartResult> StartAsync(
        IOrchestrationGateway orchestrations, IssueCertificateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orchestrations);
        ArgumentNullException.ThrowIfNull(request);
        var certificate = request.Certificate;
        // The root of the issuance's trace where the engine carries the context into the orchestration (see docs/operations.md).
        using var span = Telemetry.TelemetryNames.Source.StartActivity("certfunctions start issuance");
        Telemetry.IssuanceTelemetry.Describe(span, certificate);
        span?.SetTag(Telemetry.TelemetryTags.InstanceId, certificate.InstanceId);
        span?.SetTag(Telemetry.TelemetryTags.Reason, request.Reason.ToString());
        var result = await orchestrations.StartIfNotRunningAsync(
            IssueCertificateOrchestrator.Name,
            certificate.InstanceId,
            request.StartDelay > TimeSpan.Zero ? request : request with { StartDelay = null },
            cancellationToken).ConfigureAwait(false);
        if (result.Started)
        {
            Telemetry.IssuanceTelemetry.Started(certificate, request.Reason.ToString());
        }

        return result;
    }

    /// <summary>A random delay up to <paramref name="maxJitter"/>: spreads a scan's starts over time with a durable timer, holding no compute.</summary>
    public static TimeSpan? Jitter(TimeSpan maxJitter)
        => maxJitter > TimeSpan.Zero ? TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * maxJitter.TotalMilliseconds) : null;
}
