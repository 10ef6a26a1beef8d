using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>
/// Finalizes and stores the certificate (<see cref="FinalizeAndStoreActivity"/>), removes the challenge routes and
/// tokens the CA no longer needs (<see cref="CleanupActivity"/>) and reports the stored certificate
/// (<see cref="ReportOutcomeActivity"/>). A failed cleanup or report does not fail the stored certificate: it is
/// returned, and the orchestration retries that part as its own activity. Every part is idempotent, so a retry after
/// a crash finishes the job.
/// </summary>
public sealed partial class CompleteIssuanceActivity(
    FinalizeAndStoreActivity finalize,
    CleanupActivity cleanup,
    ReportOutcomeActivity report,
    ILogger<CompleteIssuanceActivity> logger) : TaskActivity<CompleteIssuanceInput, CompletedIssuance>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(CompleteIssuanceActivity);

    /// <inheritdoc />
    public override async Task<CompletedIssuance> RunAsync(TaskActivityContext context, CompleteIssuanceInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var stored = await finalize.RunAsync(context, input.Finalize).ConfigureAwait(false);
        if (stored.RateLimit is not null)
        {
            return new CompletedIssuance(stored, input.Cleanup is null, null, false);
        }

        if (input.Cleanup is { } routes)
        {
            try
            {
                await cleanup.RunAsync(context, routes).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The certificate is stored and attached; losing it over a leftover route would be worse than the route.
                // The orchestration retries the cleanup and reports afterwards, as on any path where cleanup comes last.
                return new CompletedIssuance(stored, false, ex.Message, false);
            }
        }

        if (input.Report is not { } success)
        {
            return new CompletedIssuance(stored, true, null, false);
        }

        try
        {
            await report.RunAsync(context, IssuanceOutcome.Succeeded(success, IssuanceOutcome.Result(success, stored))).ConfigureAwait(false);
            return new CompletedIssuance(stored, true, null, true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReportDeferred(logger, success.Certificate, ex.Message);
            return new CompletedIssuance(stored, true, null, false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording the outcome of {Certificate} failed; the orchestration retries it: {Reason}")]
    private static partial void LogReportDeferred(ILogger logger, CertFunctions.Core.Certificates.CertificateRef certificate, string reason);
}
