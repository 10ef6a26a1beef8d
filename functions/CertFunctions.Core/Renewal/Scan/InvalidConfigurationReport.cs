using CertFunctions.Core.Kubernetes.Events;

namespace CertFunctions.Core.Renewal.Scan;

/// <summary>Tells the owner of each opted-in Ingress that cannot be served why, where they look: an Event on the Ingress.</summary>
public sealed class InvalidConfigurationReport(IngressEventRecorder events)
{
    /// <summary>Records an <c>InvalidConfiguration</c> Warning per invalid Ingress (repeats bump its count) and lists the problem in the scan.</summary>
    public async Task ReportAsync(ClusterInventory inventory, ScanRun scan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(scan);
        foreach (var found in inventory.Invalid)
        {
            scan.AddProblem($"{found.Certificate}: {found.Problem}");
            await events.RecordAsync(
                found.Certificate, IngressEventReasons.InvalidConfiguration, found.Problem ?? "The Ingress cannot be served.", IngressEventType.Warning, cancellationToken).ConfigureAwait(false);
        }
    }
}
