using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.GitOps;
using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Core.Orchestration;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Renewal.Scan;

/// <summary>
/// The scan's work for one opted-in Ingress, top to bottom: its certificate (listed, else read), the Secret's owner,
/// whether it is due, an expiry warning, the back-off, then the start.
/// </summary>
public sealed partial class CertificateRenewalStep(
    DeployedCertificateReader certificates,
    CertificateStateStore states,
    RenewalAdvisor advisor,
    RenewalDueCheck dueCheck,
    ExpiryWarning expiryWarning,
    SharedSecretReport sharedSecret,
    TlsReferenceReport tlsReference,
    ILogger<CertificateRenewalStep> logger)
{
    /// <summary>Runs the step for every servable Ingress of <paramref name="inventory"/>, at most <c>Renewal:MaxConcurrency</c> at once.</summary>
    public Task RunAsync(ClusterInventory inventory, ScanRun scan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(scan);
        var optedInLabels = inventory.OptedIn.Select(c => (c.Namespace, LabelValue.ForName(c.Ingress))).ToHashSet();
        return Parallel.ForEachAsync(
            inventory.Specs,
            new ParallelOptions { MaxDegreeOfParallelism = scan.Options.MaxConcurrency, CancellationToken = cancellationToken },
            async (spec, ct) =>
            {
                try
                {
                    await CheckAsync(spec, inventory, optedInLabels, scan, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    scan.AddProblem($"{spec.Certificate}: {ex.Message}");
                    LogCertificateFailed(logger, spec.Certificate, ex.Message);
                }
            });
    }

    private async Task CheckAsync(
        IngressCertificateSpec spec, ClusterInventory inventory, HashSet<(string, string)> optedInLabels, ScanRun scan, CancellationToken ct)
    {
        var ns = spec.Certificate.Namespace;
        if (inventory.UnreadableNamespaces.TryGetValue(ns, out var why))
        {
            // Never silently skipped: the namespace's certificates are reported, the rest of the cluster goes on.
            scan.AddProblem($"{spec.Certificate}: the Secrets of namespace {ns} cannot be read, so its certificate was not checked: {why}");
            return;
        }

        // Our Secrets come from the listing; anything else (absent, or not ours yet) is read on its own.
        var deployed = inventory.Managed.TryGetValue((ns, spec.SecretName), out var listed)
            ? listed
            : await certificates.ReadAsync(spec.Certificate, spec.SecretName, ct).ConfigureAwait(false);
        if (SecretOwnership.OtherOwner(spec.Certificate, deployed, owner => optedInLabels.Contains((ns, owner))) is { } owner)
        {
            scan.Count(ScanCounter.SharedSecret);
            await sharedSecret.ReportAsync(spec, deployed!, owner, ct).ConfigureAwait(false);
            return;
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

        if (await dueCheck.CheckAsync(spec, deployed, scan, ct).ConfigureAwait(false) is not { } reason)
        {
            return;
        }

        scan.Count(ScanCounter.Due);

        // Only due certificates need their back-off state: one read each, not one per certificate.
        var state = await states.ReadAsync(spec.Certificate, ct).ConfigureAwait(false);
        if (deployed is not null && ExpiryRisk.Assess(deployed, scan.Now) is { } risk)
        {
            scan.Count(ScanCounter.AtRisk);
            await expiryWarning.WarnAsync(spec, risk, state, scan.Now, ct).ConfigureAwait(false);
        }

        if (state is not null && state.NextAttemptAfter > scan.Now)
        {
            scan.Count(ScanCounter.BackingOff);
            return;
        }

        if (reason == IssuanceReason.Discovered && !scan.Options.IssueForDiscovered)
        {
            return;
        }

        // Name the certificate being replaced (ARI) only when it is ours and from the issuer the renewal goes to.
        var replaces = reason != IssuanceReason.Renewal || deployed is null || advisor.IssuerOf(deployed)?.Name != spec.Issuer
            ? null
            : deployed.AriCertificateId
                ?? (state is not null && string.Equals(state.Serial, deployed.Serial, StringComparison.OrdinalIgnoreCase) ? state.AriCertificateId : null);
        var result = await IssuanceStarter.StartAsync(
            scan.Orchestrations, spec.Certificate, reason, IssuanceStarter.Jitter(scan.Options.MaxStartJitter), replaces, ct).ConfigureAwait(false);
        scan.Count(result.Started ? ScanCounter.Started : ScanCounter.AlreadyRunning);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewal scan skipped {Certificate}: {Reason}")]
    private static partial void LogCertificateFailed(ILogger logger, Certificates.CertificateRef certificate, string reason);
}
