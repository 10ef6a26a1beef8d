using CertFunctions.Core.Certificates;
using CertFunctions.Core.Hosting;
using CertFunctions.Core.Kubernetes;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Listing;
using CertFunctions.Core.Orchestration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Discovery;

/// <summary>
/// The discovery trigger's work: list every Ingress and Gateway and our Secrets as metadata (<see cref="ObjectLists"/>), compare uid and generation (Secrets: uid and
/// resourceVersion) with what the last run stored, and check only what changed (<see cref="IssuanceNeedCheck"/>, never the
/// CA), starting an issuance through <see cref="IssuanceStarter"/> where one is needed. A run that finds another one still
/// going does nothing.
/// </summary>
public sealed partial class DiscoveryScanner(
    ObjectLists lists,
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
        await foreach (var ingress in lists.MetadataAsync(cluster, ListedKind.Ingresses, null, () => totals.ListRequests++, cancellationToken).ConfigureAwait(false))
        {
            totals.Listed++;
            if (ingress.OptedIn)
            {
                optedIn.Add(ingress);
            }
        }

        await ListGatewaysAsync(cluster, optedIn, totals, cancellationToken).ConfigureAwait(false);
        var secrets = await lists.MetadataInNamespacesAsync(
            cluster, ListedKind.Secrets, CertFunctionsLabels.ManagedSelector, optedIn.Select(i => i.Namespace), () => totals.ListRequests++, cancellationToken).ConfigureAwait(false);
        var next = new Dictionary<string, DiscoveredState>(StringComparer.Ordinal);
        var changed = false;
        foreach (var found in optedIn)
        {
            var isGateway = found.Kind == ListedKind.Gateways.Kind;
            var key = isGateway ? GatewayKeyPrefix + found.Key : found.Key;
            previous.TryGetValue(key, out var known);
            if (known is not null && !Changed(known, found, secrets))
            {
                next[key] = known;
                continue;
            }

            changed = true;
            var certificate = isGateway ? CertificateRef.ForGateway(cluster, found.Namespace, found.Name) : new CertificateRef(cluster, found.Namespace, found.Name);
            try
            {
                totals.Checked++;
                var need = await check.CheckAsync(certificate, null, 0, cancellationToken).ConfigureAwait(false);
                if (need.Need == IssuanceNeed.Issue)
                {
                    var started = await IssuanceStarter.StartAsync(
                        orchestrations, new IssueCertificateRequest(certificate, IssuanceReason.Discovered, Due: need.Due), cancellationToken).ConfigureAwait(false);
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
                var secretVersion = secretName is not null && secrets.TryGetValue(found.Namespace + "/" + secretName, out var secret) ? secret.Version : null;
                var gatewaySecrets = need.Secrets?.ToDictionary(s => s, s => secrets.TryGetValue(s, out var listed) ? listed.Version : null, StringComparer.Ordinal);
                var generation = need.Generation > 0 ? need.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture) : found.Version;
                next[key] = new DiscoveredState(need.Uid ?? found.Uid, generation, secretName, secretVersion, gatewaySecrets);
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

    /// <summary>Adds the opted-in Gateways' metadata to <paramref name="optedIn"/>; a cluster without the Gateway API has none.</summary>
    private async Task ListGatewaysAsync(string cluster, List<ObjectMetadata> optedIn, Totals totals, CancellationToken cancellationToken)
    {
        var gateways = new List<ObjectMetadata>();
        try
        {
            await foreach (var gateway in lists.MetadataAsync(cluster, ListedKind.Gateways, null, () => totals.ListRequests++, cancellationToken).ConfigureAwait(false))
            {
                totals.Listed++;
                if (gateway.OptedIn)
                {
                    gateways.Add(gateway);
                }
            }
        }
        catch (Kubernetes.Errors.KubernetesApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return;
        }
        catch (Kubernetes.Errors.PermanentKubernetesException ex)
        {
            // Not granted Gateways: the Ingresses are still discovered.
            totals.Problems.Add($"{cluster}: Gateways were not discovered: {ex.Message}");
            return;
        }

        optedIn.AddRange(gateways);
    }

    /// <summary>
    /// True when the object is another object or another generation (hosts, spec.tls, listeners), or a Secret it names was deleted,
    /// emptied or replaced (uid or resourceVersion). An opt-in annotation added shows as an object with no remembered state.
    /// </summary>
    private static bool Changed(DiscoveredState known, ObjectMetadata found, IReadOnlyDictionary<string, ObjectMetadata> secrets)
    {
        if (known.Uid != found.Uid || known.Generation != found.Version)
        {
            return true;
        }

        string? Current(string key) => secrets.TryGetValue(key, out var secret) ? secret.Version : null;
        if (known.GatewaySecrets is { } gatewaySecrets)
        {
            return gatewaySecrets.Any(s => Current(s.Key) != s.Value);
        }

        return known.SecretName is not null && Current(found.Namespace + "/" + known.SecretName) != known.SecretVersion;
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

    /// <summary>Prefixes a Gateway's key in the stored state, so a Gateway and an Ingress of one name never share an entry.</summary>
    private const string GatewayKeyPrefix = "gateway:";

    [LoggerMessage(Level = LogLevel.Information, Message = "Discovery skipped: the previous run still holds its lease")]
    private static partial void LogOverlap(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discovery listed {Listed} Ingresses and Gateways in {ListRequests} list requests, checked {Checked}, started {Started}, already running {AlreadyRunning}, problems {Problems}")]
    private static partial void LogRan(ILogger logger, int listed, int listRequests, int @checked, int started, int alreadyRunning, int problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discovery found {Certificate} needs an issuance ({Why}); started: {Started}")]
    private static partial void LogStarted(ILogger logger, CertificateRef certificate, string why, bool started);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discovery could not check cluster {Cluster}: {Reason}")]
    private static partial void LogClusterFailed(ILogger logger, string cluster, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discovery could not check {Certificate}: {Reason}")]
    private static partial void LogObjectFailed(ILogger logger, CertificateRef certificate, string reason);
}
