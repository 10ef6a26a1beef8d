using CertFunctions.Core.Certificates;
using CertFunctions.Core.Hosting;
using CertFunctions.Core.Kubernetes;
using CertFunctions.Core.Orchestration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Discovery;

/// <summary>
/// The discovery trigger's work: list every Ingress and our Secrets as metadata, compare uid and generation (Secrets: uid and
/// resourceVersion) with what the last run stored, and check only what changed (<see cref="IssuanceNeedCheck"/>, never the
/// CA), starting an issuance through <see cref="IssuanceStarter"/> where one is needed. A run that finds another one still
/// going does nothing.
/// </summary>
public sealed partial class DiscoveryScanner(
    MetadataLists lists,
    IssuanceNeedCheck check,
    DiscoveryStateStore states,
    IOrchestrationGateway orchestrations,
    IOptions<KubernetesOptions> kubernetes,
    IOptions<DiscoveryOptions> options,
    ILogger<DiscoveryScanner> logger)
{
    /// <summary>Runs discovery over every cluster once.</summary>
    public async Task<DiscoveryReport> RunAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return new DiscoveryReport(true, 0, 0, 0, 0, 0, ["discovery is switched off (Discovery:Enabled=false)"]);
        }

        var lease = await states.TryLeaseAsync(cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            LogOverlap(logger);
            return new DiscoveryReport(true, 0, 0, 0, 0, 0, []);
        }

        var totals = new Totals();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var span = Telemetry.TelemetryNames.Source.StartActivity("certfunctions discovery");
        try
        {
            foreach (var cluster in kubernetes.Value.Clusters.Keys)
            {
                try
                {
                    await RunClusterAsync(cluster, totals, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is Kubernetes.Errors.KubernetesOperationException or Azure.RequestFailedException)
                {
                    totals.Problems.Add($"{cluster}: {ex.Message}");
                    LogClusterFailed(logger, cluster, ex.Message);
                }

                await lease.RenewAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await lease.ReleaseAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }

        Telemetry.CertFunctionsMetrics.RecordScan("discovery", System.Diagnostics.Stopwatch.GetElapsedTime(started), totals.Checked, totals.Started, totals.Problems.Count);
        LogRan(logger, totals.Listed, totals.ListRequests, totals.Checked, totals.Started, totals.AlreadyRunning, totals.Problems.Count);
        return new DiscoveryReport(false, totals.Listed, totals.ListRequests, totals.Checked, totals.Started, totals.AlreadyRunning, totals.Problems);
    }

    private async Task RunClusterAsync(string cluster, Totals totals, CancellationToken cancellationToken)
    {
        var previous = await states.ReadAsync(cluster, cancellationToken).ConfigureAwait(false);
        var optedIn = new List<ObjectMetadata>();
        await foreach (var ingress in lists.IngressesAsync(cluster, () => totals.ListRequests++, cancellationToken).ConfigureAwait(false))
        {
            totals.Listed++;
            if (ingress.OptedIn)
            {
                optedIn.Add(ingress);
            }
        }

        var secrets = await lists.ManagedSecretsAsync(cluster, optedIn.Select(i => i.Namespace), () => totals.ListRequests++, cancellationToken).ConfigureAwait(false);
        var next = new Dictionary<string, DiscoveredState>(StringComparer.Ordinal);
        var changed = false;
        foreach (var ingress in optedIn)
        {
            var key = ingress.Namespace + "/" + ingress.Name;
            previous.TryGetValue(key, out var known);
            if (known is not null && !Changed(known, ingress, secrets))
            {
                next[key] = known;
                continue;
            }

            changed = true;
            var certificate = new CertificateRef(cluster, ingress.Namespace, ingress.Name);
            try
            {
                totals.Checked++;
                var need = await check.CheckAsync(certificate, null, 0, cancellationToken).ConfigureAwait(false);
                if (need.Need == IssuanceNeed.Issue)
                {
                    var started = await IssuanceStarter.StartAsync(orchestrations, certificate, IssuanceReason.Discovered, null, null, cancellationToken).ConfigureAwait(false);
                    if (started.Started)
                    {
                        totals.Started++;
                    }
                    else
                    {
                        totals.AlreadyRunning++;
                    }

                    LogStarted(logger, certificate, need.Detail, started.Started);
                }

                // Remembered as checked: the Secret the issuance writes changes its version, so the next run looks once more.
                var secretName = need.SecretName;
                var secretVersion = secretName is not null && secrets.TryGetValue(ingress.Namespace + "/" + secretName, out var secret) ? secret.Version : null;
                next[key] = new DiscoveredState(need.Uid ?? ingress.Uid, need.Generation > 0 ? need.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture) : ingress.Version, secretName, secretVersion);
            }
            catch (Exception ex) when (ex is Kubernetes.Errors.KubernetesOperationException or Azure.RequestFailedException)
            {
                // Not remembered: the next run checks it again.
                totals.Problems.Add($"{certificate}: {ex.Message}");
                LogObjectFailed(logger, certificate, ex.Message);
            }
        }

        // Objects that disappeared or opted out are forgotten, which is also a change to store.
        if (changed || next.Count != previous.Count)
        {
            await states.WriteAsync(cluster, next, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// True when the Ingress is another object or another generation (hosts, spec.tls), or its Secret was deleted, emptied or
    /// replaced (uid or resourceVersion). An opt-in annotation added shows as an object with no remembered state.
    /// </summary>
    private static bool Changed(DiscoveredState known, ObjectMetadata ingress, IReadOnlyDictionary<string, ObjectMetadata> secrets)
    {
        if (known.Uid != ingress.Uid || known.Generation != ingress.Version)
        {
            return true;
        }

        if (known.SecretName is null)
        {
            return false;
        }

        var current = secrets.TryGetValue(ingress.Namespace + "/" + known.SecretName, out var secret) ? secret.Version : null;
        return current != known.SecretVersion;
    }

    private sealed class Totals
    {
        public int Listed { get; set; }

        public int ListRequests { get; set; }

        public int Checked { get; set; }

        public int Started { get; set; }

        public int AlreadyRunning { get; set; }

        public List<string> Problems { get; } = [];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discovery skipped: the previous run still holds its lease")]
    private static partial void LogOverlap(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discovery listed {Listed} Ingresses in {ListRequests} list requests, checked {Checked}, started {Started}, already running {AlreadyRunning}, problems {Problems}")]
    private static partial void LogRan(ILogger logger, int listed, int listRequests, int @checked, int started, int alreadyRunning, int problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discovery found {Certificate} needs an issuance ({Why}); started: {Started}")]
    private static partial void LogStarted(ILogger logger, CertificateRef certificate, string why, bool started);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discovery could not check cluster {Cluster}: {Reason}")]
    private static partial void LogClusterFailed(ILogger logger, string cluster, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discovery could not check {Certificate}: {Reason}")]
    private static partial void LogObjectFailed(ILogger logger, CertificateRef certificate, string reason);
}
