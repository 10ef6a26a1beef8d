using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.GitOps;
using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Core.Orchestration;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Renewal.Scan;

/// <summary>
/// The scan's work for one opted-in Ingress or Gateway, top to bottom: each certificate (listed, else read), the Secret's owner,
/// whether it is due (<see cref="IssuanceDecision"/>), an expiry warning, the back-off, then one start per object.
/// </summary>
public sealed partial class CertificateRenewalStep(
    DeployedCertificateReader certificates,
    CertificateStateStore states,
    RenewalAdvisor advisor,
    IssuanceDecision decision,
    ExpiryWarning expiryWarning,
    SharedSecretReport sharedSecret,
    TlsReferenceReport tlsReference,
    Notifications.ExpiringNotifier expiringNotifier,
    ILogger<CertificateRenewalStep> logger)
{
    /// <summary>
    /// Runs the step for every servable Ingress and opted-in Gateway of <paramref name="inventory"/>, at most
    /// <c>Renewal:MaxConcurrency</c> at once. A Gateway's Secrets are checked in turn and one run starts for the Gateway, for its due Secrets, when any is due.
    /// </summary>
    public Task RunAsync(ClusterInventory inventory, ScanRun scan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(scan);
        var optedInLabels = inventory.OptedIn.Where(c => !c.IsGateway).Select(c => (c.Namespace, LabelValue.ForName(c.Ingress))).ToHashSet();
        var work = inventory.Specs.Select(s => (Certificate: s.Certificate, Check: (Func<CancellationToken, Task>)(ct => CheckIngressAsync(s, inventory, optedInLabels, scan, ct))))
            .Concat(inventory.Gateways.Where(g => g.Specs.Count > 0).Select(g => (Certificate: g.Gateway, Check: (Func<CancellationToken, Task>)(ct => CheckGatewayAsync(g, inventory, scan, ct)))));
        return Parallel.ForEachAsync(
            work,
            new ParallelOptions { MaxDegreeOfParallelism = scan.Options.MaxConcurrency, CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                try
                {
                    await item.Check(ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    scan.AddProblem($"{item.Certificate}: {ex.Message}");
                    LogCertificateFailed(logger, item.Certificate, ex.Message);
                }
            });
    }

    private async Task CheckIngressAsync(
        IngressCertificateSpec spec, ClusterInventory inventory, HashSet<(string, string)> optedInLabels, ScanRun scan, CancellationToken ct)
    {
        if (await EvaluateAsync(spec, inventory, optedInLabels, scan, ct).ConfigureAwait(false) is { } due)
        {
            await StartAsync(new IssueCertificateRequest(spec.Certificate, due.Reason, Replaces: due.Replaces), scan, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Checks each Secret of the Gateway like an Ingress's certificate; one run for the Gateway issues the due ones only,
    /// each with its own reason and the ARI id of the certificate it replaces.
    /// </summary>
    private async Task CheckGatewayAsync(ScannedGateway gateway, ClusterInventory inventory, ScanRun scan, CancellationToken ct)
    {
        var dues = new List<DueSecret>();
        foreach (var spec in gateway.Specs)
        {
            try
            {
                if (await EvaluateAsync(spec, inventory, null, scan, ct).ConfigureAwait(false) is { } due)
                {
                    dues.Add(new DueSecret(spec.Certificate.Secret!, due.Reason, due.Replaces));
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One Secret that cannot be checked does not keep the Gateway's other Secrets from renewing.
                scan.AddProblem($"{spec.Certificate}: {ex.Message}");
                LogCertificateFailed(logger, spec.Certificate, ex.Message);
            }
        }

        if (dues.Count > 0)
        {
            // The most pressing reason names the run; each Secret's run keeps its own.
            var reason = dues.MinBy(d => Urgency(d.Reason))!.Reason;
            await StartAsync(new IssueCertificateRequest(gateway.Gateway, reason, Due: dues), scan, ct).ConfigureAwait(false);
        }
    }

    private static int Urgency(IssuanceReason reason) => reason switch
    {
        IssuanceReason.Discovered => 0,
        IssuanceReason.IssuerChanged => 1,
        _ => 2,
    };

    private static async Task StartAsync(IssueCertificateRequest request, ScanRun scan, CancellationToken ct)
    {
        var result = await IssuanceStarter.StartAsync(
            scan.Orchestrations, request with { StartDelay = IssuanceStarter.Jitter(scan.Options.MaxStartJitter) }, ct).ConfigureAwait(false);
        scan.Count(result.Started ? ScanCounter.Started : ScanCounter.AlreadyRunning);
    }

    /// <summary>
    /// One certificate, top to bottom: its Secret (listed, else read), the Secret's owner (Ingresses), whether it is due, an
    /// expiry warning, the back-off; what to start, or null.
    /// </summary>
    private async Task<DueCertificate?> EvaluateAsync(
        IngressCertificateSpec spec, ClusterInventory inventory, HashSet<(string, string)>? optedInLabels, ScanRun scan, CancellationToken ct)
    {
        var ns = spec.Certificate.SecretNamespace;
        if (inventory.UnreadableNamespaces.TryGetValue(ns, out var why))
        {
            // Never silently skipped: the namespace's certificates are reported, the rest of the cluster goes on.
            scan.AddProblem($"{spec.Certificate}: the Secrets of namespace {ns} cannot be read, so its certificate was not checked: {why}");
            return null;
        }

        // Our Secrets come from the listing; anything else (absent, or not ours yet) is read on its own.
        var deployed = inventory.Managed.TryGetValue((ns, spec.SecretName), out var listed)
            ? listed
            : await certificates.ReadAsync(spec.Certificate, spec.SecretName, ct).ConfigureAwait(false);
        if (optedInLabels is not null && SecretOwnership.OtherOwner(spec.Certificate, deployed, owner => optedInLabels.Contains((ns, owner))) is { } owner)
        {
            scan.Count(ScanCounter.SharedSecret);
            await sharedSecret.ReportAsync(spec, deployed!, owner, ct).ConfigureAwait(false);
            return null;
        }

        if (deployed is not null)
        {
            Telemetry.CertificateGauges.Observe(spec.Certificate, deployed.Namespace, deployed.SecretName, deployed.NotAfter, RenewalPolicy.StoredPlan(deployed));
        }

        // Repeated every scan while Git lacks the entry: a GitOps-managed Ingress serves our certificate only once it is there.
        if (spec.GitOps is { } gitOps && !spec.TlsListed && deployed is not null)
        {
            await tlsReference.ReportAsync(spec.Certificate, gitOps, spec.Hosts, spec.SecretName, ct).ConfigureAwait(false);
        }

        if (await decision.DecideAsync(spec, deployed, scan, ct).ConfigureAwait(false) is not { } reason)
        {
            return null;
        }

        scan.Count(ScanCounter.Due);

        // Only due certificates need their back-off state: one read each, not one per certificate.
        var state = await states.ReadAsync(spec.Certificate, ct).ConfigureAwait(false);
        if (deployed is not null && ExpiryRisk.Assess(deployed, scan.Now) is { } risk)
        {
            scan.Count(ScanCounter.AtRisk);
            await expiryWarning.WarnAsync(spec, risk, state, scan.Now, ct).ConfigureAwait(false);
            await expiringNotifier.NotifyAsync(spec, deployed.Serial, risk, state, scan.Now, scan.Orchestrations, ct).ConfigureAwait(false);
        }

        if (state is not null && state.NextAttemptAfter > scan.Now)
        {
            scan.Count(ScanCounter.BackingOff);
            return null;
        }

        if (reason == IssuanceReason.Discovered && !scan.Options.IssueForDiscovered)
        {
            return null;
        }

        // Name the certificate being replaced (ARI) only when it is ours and from the issuer the renewal goes to.
        var replaces = reason != IssuanceReason.Renewal || deployed is null || advisor.IssuerOf(deployed)?.Name != spec.Issuer
            ? null
            : deployed.AriCertificateId
                ?? (state is not null && string.Equals(state.Serial, deployed.Serial, StringComparison.OrdinalIgnoreCase) ? state.AriCertificateId : null);
        return new DueCertificate(reason, replaces);
    }

    /// <summary>A certificate the scan found due and not backing off: why, and the ARI id of the one it replaces.</summary>
    private sealed record DueCertificate(IssuanceReason Reason, string? Replaces);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewal scan skipped {Certificate}: {Reason}")]
    private static partial void LogCertificateFailed(ILogger logger, Certificates.CertificateRef certificate, string reason);
}
