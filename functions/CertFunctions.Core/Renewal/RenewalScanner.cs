using CertFunctions.Core.Hosting;
using CertFunctions.Core.Kubernetes;
using CertFunctions.Core.Renewal.Scan;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Renewal;

/// <summary>
/// The renewal timer's work, as a short pipeline of named steps per cluster: read the inventory, report what cannot be
/// served, check and start each certificate, then remove leftovers and retired states; the token sweep once at the
/// end. One failing certificate, namespace or cluster never blocks the others.
/// </summary>
public sealed partial class RenewalScanner(
    ClusterInventoryReader inventories,
    InvalidConfigurationReport invalidReport,
    CertificateRenewalStep renewals,
    ChallengeLeftoverSweep leftoverSweep,
    StateRetirement stateRetirement,
    PendingKeySweep pendingKeySweep,
    RenewalAdvisor advisor,
    IOrchestrationGateway orchestrations,
    IOptions<KubernetesOptions> kubernetesOptions,
    IOptions<RenewalOptions> renewalOptions,
    TimeProvider timeProvider,
    ILogger<RenewalScanner> logger)
{
    /// <summary>Scans all clusters once.</summary>
    public async Task<RenewalScanReport> ScanAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var span = Telemetry.TelemetryNames.Source.StartActivity("certfunctions renewal scan");
        var scan = await BeginAsync(cancellationToken).ConfigureAwait(false);
        foreach (var cluster in kubernetesOptions.Value.Clusters.Keys)
        {
            if (await ReadInventoryAsync(cluster, scan, cancellationToken).ConfigureAwait(false) is not { } inventory)
            {
                continue;
            }

            scan.Count(ScanCounter.Scanned, inventory.ObjectCount);
            await invalidReport.ReportAsync(inventory, scan, cancellationToken).ConfigureAwait(false);
            await renewals.RunAsync(inventory, scan, cancellationToken).ConfigureAwait(false);

            // After the starts: an issuance started above is active, so its Ingress's leftovers are left to it.
            await CleanUpAsync(inventory, scan, cancellationToken).ConfigureAwait(false);
        }

        await SweepTokensAsync(scan, cancellationToken).ConfigureAwait(false);
        var report = scan.ToReport();
        Telemetry.CertFunctionsMetrics.RecordScan("renewal", System.Diagnostics.Stopwatch.GetElapsedTime(started), report.Scanned, report.Started, report.Problems.Count);
        LogScanned(logger, report.Scanned, report.Due, report.Started, report.AlreadyRunning, report.BackingOff, report.AtRisk, report.SharedSecret, report.LeftoversRemoved, report.StatesRetired, report.Problems.Count);
        return report;
    }

    /// <summary>Fixes the scan's instant, asks whether the CA offers renewal windows, and lists the tokens before any Ingress is listed.</summary>
    private async Task<ScanRun> BeginAsync(CancellationToken cancellationToken)
    {
        var options = renewalOptions.Value;
        var now = timeProvider.GetUtcNow();
        var askCa = options.CheckRenewalInfo && await advisor.IsAvailableAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new ScanRun(now, options, askCa, await leftoverSweep.ListTokensAsync(cancellationToken).ConfigureAwait(false), orchestrations);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Renewals go on; only the token sweeps wait for the next scan.
            LogTokenSweepFailed(logger, ex.Message);
            var scan = new ScanRun(now, options, askCa, [], orchestrations);
            scan.AddProblem($"could not list challenge tokens: {ex.Message}");
            return scan;
        }
    }

    private async Task<ClusterInventory?> ReadInventoryAsync(string cluster, ScanRun scan, CancellationToken cancellationToken)
    {
        try
        {
            return await inventories.ReadAsync(cluster, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            scan.AddProblem($"cluster {cluster}: {ex.Message}");
            LogClusterFailed(logger, cluster, ex.Message);
            return null;
        }
    }

    private async Task CleanUpAsync(ClusterInventory inventory, ScanRun scan, CancellationToken cancellationToken)
    {
        try
        {
            var sweep = await leftoverSweep.SweepAsync(inventory.Cluster, inventory.WithChallengePaths, scan.PublishedTokens, scan.Orchestrations, cancellationToken).ConfigureAwait(false);
            scan.Count(ScanCounter.LeftoversRemoved, sweep.Removed);
            foreach (var problem in sweep.Problems)
            {
                scan.AddProblem(problem);
            }

            scan.Count(ScanCounter.StatesRetired, await stateRetirement.RetireAsync(inventory.Cluster, inventory.OptedIn, scan.Now, scan.Orchestrations, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            scan.AddProblem($"cluster {inventory.Cluster}: could not clear challenge leftovers or retired states: {ex.Message}");
            LogClusterFailed(logger, inventory.Cluster, ex.Message);
        }
    }

    private async Task SweepTokensAsync(ScanRun scan, CancellationToken cancellationToken)
    {
        try
        {
            // Tokens and pending keys live in one container each, for every cluster: swept once per scan.
            scan.Count(ScanCounter.TokensRemoved, await leftoverSweep.SweepTokensAsync(scan.PublishedTokens, scan.Now, scan.Orchestrations, cancellationToken).ConfigureAwait(false));
            await pendingKeySweep.SweepAsync(scan.Now, scan.Orchestrations, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            scan.AddProblem($"could not clear leftover challenge tokens or pending keys: {ex.Message}");
            LogTokenSweepFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Renewal scan: {Scanned} opted-in Ingresses and Gateways, {Due} due, {Started} started, {Running} already running, {BackingOff} backing off, {AtRisk} expiring without renewal, {SharedSecret} using another Ingress's Secret, {LeftoversRemoved} challenge leftovers removed, {StatesRetired} states dropped, {Problems} problems")]
    private static partial void LogScanned(ILogger logger, int scanned, int due, int started, int running, int backingOff, int atRisk, int sharedSecret, int leftoversRemoved, int statesRetired, int problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewal scan could not clear leftover challenge tokens: {Reason}")]
    private static partial void LogTokenSweepFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewal scan could not list cluster {Cluster}: {Reason}")]
    private static partial void LogClusterFailed(ILogger logger, string cluster, string reason);
}
