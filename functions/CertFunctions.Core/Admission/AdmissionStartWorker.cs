using CertFunctions.Core.Orchestration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Admission;

/// <summary>
/// Starts the issuances the webhook recorded in <see cref="AdmissionBacklog"/>, a few at a time, after the webhook has
/// answered: each start is the usual start-if-not-running (<see cref="IssuanceStarter"/>) with the admitted uid and generation.
/// </summary>
public sealed partial class AdmissionStartWorker(AdmissionBacklog queue, ILogger<AdmissionStartWorker> logger) : BackgroundService
{
    /// <summary>Starts in flight at once: a burst of writes drains in parallel without flooding the task hub.</summary>
    public const int Parallelism = 4;

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Parallelism).Select(_ => DrainAsync(stoppingToken)));

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (queue.Count is > 0 and var left)
        {
            LogLeftToDiscovery(logger, left);
        }
    }

    private async Task DrainAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            PendingAdmission admission;
            try
            {
                admission = await queue.TakeAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                var started = await IssuanceStarter.StartAsync(
                    admission.Orchestrations, new IssueCertificateRequest(admission.Certificate, IssuanceReason.Discovered, Admitted: admission.Admitted), stoppingToken).ConfigureAwait(false);
                LogStarted(logger, admission.Certificate, admission.Operation, admission.Admitted.Generation, started.Started);
                if (!started.Started)
                {
                    // A run for this object is going: it may have read the object before this write. Tell it; when it
                    // ends it starts one follow-up for the newest write it heard of (see IssueCertificateOrchestrator).
                    await admission.Orchestrations.RaiseEventAsync(
                        admission.Certificate.InstanceId, IssueCertificateOrchestrator.AdmittedWriteEvent, admission.Admitted, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The write is stored or refused whatever happens here; the discovery trigger catches a start that failed.
                LogStartFailed(logger, admission.Certificate, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admitted {Operation} of {Certificate} (generation {Generation}) started; new run: {Started}")]
    private static partial void LogStarted(ILogger logger, Certificates.CertificateRef certificate, string operation, long generation, bool started);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admitted write of {Certificate} was not started (discovery will find it): {Reason}")]
    private static partial void LogStartFailed(ILogger logger, Certificates.CertificateRef certificate, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} admitted writes were not started before the host stopped; discovery will find them")]
    private static partial void LogLeftToDiscovery(ILogger logger, int count);
}
