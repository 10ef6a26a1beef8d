using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>
/// Finalizes and stores the certificate (<see cref="FinalizeAndStoreActivity"/>), removes the challenge routes and
/// tokens the CA no longer needs (<see cref="CleanupActivity"/>) and reports the stored certificate
/// (<see cref="ReportOutcomeActivity"/>), the last two at once. A failed cleanup or report does not fail the stored
/// certificate: it is returned, and the orchestration retries that part as its own activity. Every part is
/// idempotent, so a retry after a crash finishes the job.
/// </summary>
public sealed partial class CompleteIssuanceActivity(
    FinalizeAndStoreActivity finalize,
    CleanupActivity cleanup,
    ReportOutcomeActivity report,
    ILogger<CompleteIssuanceActivity> logger) : IssuanceActivity<CompleteIssuanceInput, CompletedIssuance>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(CompleteIssuanceActivity);

    /// <inheritdoc />
    protected override async Task<CompletedIssuance> RunStepAsync(TaskActivityContext context, CompleteIssuanceInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var stored = await finalize.RunAsync(context, input.Finalize).ConfigureAwait(false);
        if (stored.RateLimit is not null)
        {
            return new CompletedIssuance(stored, input.Cleanup is null, null, false);
        }

        // The certificate is stored and attached: removing the routes and reporting are independent (the Ingress and
        // its Events), so they run together; neither failure may lose the stored certificate.
        var cleanupError = CleanUpAsync(context, input.Cleanup);
        var reported = ReportAsync(context, input.Report, stored);
        await Task.WhenAll(cleanupError, reported).ConfigureAwait(false);
        var error = await cleanupError.ConfigureAwait(false);
        return new CompletedIssuance(stored, error is null, error, await reported.ConfigureAwait(false));
    }

    /// <summary>Removes the routes and tokens; returns why it failed, or null (the orchestration retries a failure on its own).</summary>
    private async Task<string?> CleanUpAsync(TaskActivityContext context, CleanupInput? routes)
    {
        if (routes is null)
        {
            return null;
        }

        try
        {
            await cleanup.RunAsync(context, routes).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ex.Message;
        }
    }

    /// <summary>Records the success (Event and state); false when the orchestration must do it (not asked, or it failed).</summary>
    private async Task<bool> ReportAsync(TaskActivityContext context, SuccessReport? success, FinalizeOutput stored)
    {
        if (success is null)
        {
            return false;
        }

        try
        {
            await report.RunAsync(context, IssuanceOutcome.Succeeded(success, IssuanceOutcome.Result(success, stored))).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReportDeferred(logger, success.Certificate, ex.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording the outcome of {Certificate} failed; the orchestration retries it: {Reason}")]
    private static partial void LogReportDeferred(ILogger logger, CertFunctions.Core.Certificates.CertificateRef certificate, string reason);
}
