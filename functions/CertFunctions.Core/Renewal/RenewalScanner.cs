using System.Collections.Concurrent;
using CertFunctions.Core.Certificates;
using CertFunctions.Core.Hosting;
using CertFunctions.Core.Kubernetes;
using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Events;
using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Core.Orchestration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Renewal;

/// <summary>
/// The timer's work: scan every configured cluster for opted-in Ingresses, decide which certificates are due,
/// and start their issuances with bounded concurrency. One failing certificate or cluster never blocks the others.
/// </summary>
public sealed partial class RenewalScanner(
    IngressDiscovery discovery,
    DeployedCertificateReader certificates,
    IngressEventRecorder events,
    CertificateStateStore states,
    IOrchestrationGateway orchestrations,
    RenewalAdvisor advisor,
    ChallengeLeftoverSweep leftoverSweep,
    StateRetirement stateRetirement,
    PendingKeySweep pendingKeySweep,
    IOptions<KubernetesOptions> kubernetesOptions,
    IOptions<RenewalOptions> renewalOptions,
    TimeProvider timeProvider,
    ILogger<RenewalScanner> logger)
{
    /// <summary>Scans all clusters once.</summary>
    public async Task<RenewalScanReport> ScanAsync(CancellationToken cancellationToken)
    {
        var options = renewalOptions.Value;
        var now = timeProvider.GetUtcNow();
        var problems = new ConcurrentBag<string>();
        int scanned = 0, due = 0, started = 0, running = 0, backingOff = 0, dueByCaWindow = 0, leftoversRemoved = 0, atRisk = 0, statesRetired = 0, sharedSecret = 0, tokensRemoved = 0;
        var askCa = options.CheckRenewalInfo && await advisor.IsAvailableAsync(cancellationToken).ConfigureAwait(false);

        foreach (var cluster in kubernetesOptions.Value.Clusters.Keys)
        {
            var specs = new List<IngressCertificateSpec>();
            var invalid = new List<DiscoveredIngress>();
            var withChallengePaths = new List<DiscoveredIngress>();
            var managed = new Dictionary<(string Namespace, string Name), DeployedCertificate>();
            try
            {
                await foreach (var found in discovery.ListAsync(cluster, cancellationToken).ConfigureAwait(false))
                {
                    if (found.ChallengePaths.Count > 0)
                    {
                        withChallengePaths.Add(found);
                    }

                    if (!found.OptedIn)
                    {
                        continue;
                    }

                    if (found.Spec is null)
                    {
                        problems.Add($"{found.Certificate}: {found.Problem}");
                        invalid.Add(found);
                        continue;
                    }

                    specs.Add(found.Spec);
                }

                await foreach (var deployed in certificates.ListManagedAsync(cluster, cancellationToken).ConfigureAwait(false))
                {
                    managed[(deployed.Namespace, deployed.SecretName)] = deployed;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                problems.Add($"cluster {cluster}: {ex.Message}");
                LogClusterFailed(logger, cluster, ex.Message);
                continue;
            }

            Interlocked.Add(ref scanned, specs.Count + invalid.Count);

            // Tell the Ingress's owner where they look: an Event on the Ingress (repeats bump its count).
            foreach (var found in invalid)
            {
                await events.RecordAsync(
                    found.Certificate, IngressEventReasons.InvalidConfiguration, found.Problem ?? "The Ingress cannot be served.", IngressEventType.Warning, cancellationToken).ConfigureAwait(false);
            }

            var optedIn = specs.Select(s => s.Certificate).Concat(invalid.Select(i => i.Certificate)).ToHashSet();
            var optedInLabels = optedIn.Select(c => (c.Namespace, LabelValue.ForName(c.Ingress))).ToHashSet();
            await Parallel.ForEachAsync(
                specs,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(options.MaxConcurrency, 16), CancellationToken = cancellationToken },
                async (spec, ct) =>
                {
                    try
                    {
                        // Our Secrets come from the listing; anything else (absent, or not ours yet) is read on its own.
                        var deployed = managed.TryGetValue((spec.Certificate.Namespace, spec.SecretName), out var listed)
                            ? listed
                            : await certificates.ReadAsync(spec.Certificate, spec.SecretName, ct).ConfigureAwait(false);
                        if (SecretOwnership.OtherOwner(spec.Certificate, deployed, owner => optedInLabels.Contains((spec.Certificate.Namespace, owner))) is { } owner)
                        {
                            Interlocked.Increment(ref sharedSecret);
                            await ReportSharedSecretAsync(spec, deployed!, owner, ct).ConfigureAwait(false);
                            return;
                        }

                        var reason = RenewalDecision.Due(spec.Hosts, deployed, now);
                        if (reason is null && askCa && deployed is not null)
                        {
                            var window = await advisor.GetWindowAsync(deployed, ct).ConfigureAwait(false);
                            reason = window is null ? null : RenewalDecision.Due(spec.Hosts, deployed, now, window);
                            if (reason is not null)
                            {
                                Interlocked.Increment(ref dueByCaWindow);
                                LogDueByCaWindow(logger, spec.Certificate, window!.Start, window.End);

                                // The owner should learn why a certificate renews weeks early: the CA's own words, where it gives them.
                                await events.RecordAsync(
                                    spec.Certificate,
                                    IngressEventReasons.RenewalWindowMoved,
                                    $"The CA now suggests renewing between {window.Start:u} and {window.End:u} (RFC 9773 renewal info), earlier than " +
                                    $"planned{(deployed.PlannedRenewal is { } planned ? $" ({planned:u})" : string.Empty)}; the certificate is due now" +
                                    $"{(window.ExplanationUrl is { } why ? $". The CA explains: {why}" : string.Empty)}.",
                                    IngressEventType.Normal,
                                    ct).ConfigureAwait(false);
                            }
                        }

                        if (reason is null)
                        {
                            return;
                        }

                        Interlocked.Increment(ref due);

                        // Only due certificates need their back-off state: one read each, not one per certificate.
                        var state = await states.ReadAsync(spec.Certificate, ct).ConfigureAwait(false);
                        if (deployed is not null && ExpiryRisk.Assess(deployed, now) is { } risk)
                        {
                            Interlocked.Increment(ref atRisk);
                            await WarnAsync(spec, risk, state, now, ct).ConfigureAwait(false);
                        }

                        if (state is not null && state.NextAttemptAfter > now)
                        {
                            Interlocked.Increment(ref backingOff);
                            return;
                        }

                        if (reason == IssuanceReason.Discovered && !options.IssueForDiscovered)
                        {
                            return;
                        }

                        // Name the certificate being replaced (ARI) only when it is ours and from this CA.
                        var replaces = reason != IssuanceReason.Renewal || deployed is null || !advisor.IssuedByConfiguredCa(deployed)
                            ? null
                            : deployed.AriCertificateId
                                ?? (state is not null && string.Equals(state.Serial, deployed.Serial, StringComparison.OrdinalIgnoreCase) ? state.AriCertificateId : null);
                        var result = await StartAsync(spec.Certificate, reason.Value, replaces, options, ct).ConfigureAwait(false);
                        Interlocked.Increment(ref result ? ref started : ref running);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        problems.Add($"{spec.Certificate}: {ex.Message}");
                        LogCertificateFailed(logger, spec.Certificate, ex.Message);
                    }
                }).ConfigureAwait(false);

            // After the starts: an issuance started above is active, so its Ingress's leftovers are left to it.
            try
            {
                var sweep = await leftoverSweep.SweepAsync(cluster, withChallengePaths, now, orchestrations, cancellationToken).ConfigureAwait(false);
                leftoversRemoved += sweep.Removed;
                foreach (var problem in sweep.Problems)
                {
                    problems.Add(problem);
                }

                statesRetired += await stateRetirement.RetireAsync(cluster, optedIn, now, orchestrations, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                problems.Add($"cluster {cluster}: could not clear challenge leftovers or retired states: {ex.Message}");
                LogClusterFailed(logger, cluster, ex.Message);
            }
        }

        try
        {
            // Tokens and pending keys live in one container each, for every cluster: swept once per scan.
            tokensRemoved = await leftoverSweep.SweepTokensAsync(now, orchestrations, cancellationToken).ConfigureAwait(false);
            await pendingKeySweep.SweepAsync(now, orchestrations, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            problems.Add($"could not clear leftover challenge tokens or pending keys: {ex.Message}");
            LogTokenSweepFailed(logger, ex.Message);
        }

        var report = new RenewalScanReport(scanned, due, started, running, backingOff, [.. problems], dueByCaWindow, leftoversRemoved, atRisk, statesRetired, sharedSecret, tokensRemoved);
        LogScanned(logger, report.Scanned, report.Due, report.Started, report.AlreadyRunning, report.BackingOff, report.AtRisk, report.SharedSecret, report.LeftoversRemoved, report.StatesRetired, report.Problems.Count);
        return report;
    }

    private async Task ReportSharedSecretAsync(IngressCertificateSpec spec, DeployedCertificate deployed, string owner, CancellationToken cancellationToken)
    {
        var covered = new HashSet<string>(deployed.DnsNames, StringComparer.OrdinalIgnoreCase);
        var missing = spec.Hosts.Where(h => !covered.Contains(h)).ToList();
        if (missing.Count == 0)
        {
            // The owner's certificate serves this Ingress too: nothing to do, nothing to say.
            return;
        }

        var message = $"Secret {spec.SecretName} is managed by CertFunctions for Ingress {owner}, and its certificate does not cover " +
            $"{string.Join(", ", missing)}. Two Ingresses cannot share one Secret for different names (each would replace the other's " +
            $"certificate): give this Ingress its own Secret ({CertFunctionsAnnotations.SecretName} or spec.tls secretName), or put these " +
            $"hosts on Ingress {owner}.";
        LogSharedSecret(logger, spec.Certificate, spec.SecretName, owner);
        await events.RecordAsync(spec.Certificate, IngressEventReasons.SecretInUse, message, IngressEventType.Warning, cancellationToken).ConfigureAwait(false);
    }

    private async Task WarnAsync(IngressCertificateSpec spec, ExpiryRisk risk, CertificateState? state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Said on every scan while it lasts: Kubernetes keeps Events for an hour by default, so one would be gone by the next.
        var failures = state is { ConsecutiveFailures: > 0, LastError: { } error }
            ? $" {state.ConsecutiveFailures} attempt(s) failed, the last: {error}"
            : " No attempt has failed so far.";
        var backOff = state?.NextAttemptAfter is { } next && next > now ? $" Next attempt after {next:u} (back-off)." : string.Empty;
        LogAtRisk(logger, spec.Certificate, spec.SecretName, risk.Describe(now));
        await events.RecordAsync(
            spec.Certificate,
            risk.Expired ? IngressEventReasons.CertificateExpired : IngressEventReasons.CertificateExpiring,
            $"The certificate in Secret {spec.SecretName} {risk.Describe(now)} and has not been renewed (due since {risk.PlannedRenewal:u}).{failures}{backOff}",
            IngressEventType.Warning,
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> StartAsync(CertificateRef certificate, IssuanceReason reason, string? replaces, RenewalOptions options, CancellationToken cancellationToken)
    {
        // Spread the CA load: each issuance waits a random part of the jitter with a durable timer (no compute is held).
        var delay = options.MaxStartJitter > TimeSpan.Zero
            ? TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * options.MaxStartJitter.TotalMilliseconds)
            : TimeSpan.Zero;
        var result = await orchestrations.StartIfNotRunningAsync(
            IssueCertificateOrchestrator.Name,
            certificate.InstanceId,
            new IssueCertificateRequest(certificate, reason, delay > TimeSpan.Zero ? delay : null, replaces),
            cancellationToken).ConfigureAwait(false);
        return result.Started;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Renewal scan: {Scanned} opted-in Ingresses, {Due} due, {Started} started, {Running} already running, {BackingOff} backing off, {AtRisk} expiring without renewal, {SharedSecret} using another Ingress's Secret, {LeftoversRemoved} challenge leftovers removed, {StatesRetired} states dropped, {Problems} problems")]
    private static partial void LogScanned(ILogger logger, int scanned, int due, int started, int running, int backingOff, int atRisk, int sharedSecret, int leftoversRemoved, int statesRetired, int problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Certificate} is due: the CA now suggests renewing between {WindowStart} and {WindowEnd}")]
    private static partial void LogDueByCaWindow(ILogger logger, CertificateRef certificate, DateTimeOffset windowStart, DateTimeOffset windowEnd);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Certificate}: the certificate in Secret {SecretName} {Expiry} and has not been renewed")]
    private static partial void LogAtRisk(ILogger logger, CertificateRef certificate, string secretName, string expiry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Certificate}: Secret {SecretName} is managed for Ingress {Owner} and lacks this Ingress's hosts; not issuing into it")]
    private static partial void LogSharedSecret(ILogger logger, CertificateRef certificate, string secretName, string owner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewal scan could not clear leftover challenge tokens: {Reason}")]
    private static partial void LogTokenSweepFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewal scan could not list cluster {Cluster}: {Reason}")]
    private static partial void LogClusterFailed(ILogger logger, string cluster, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewal scan skipped {Certificate}: {Reason}")]
    private static partial void LogCertificateFailed(ILogger logger, CertificateRef certificate, string reason);
}
