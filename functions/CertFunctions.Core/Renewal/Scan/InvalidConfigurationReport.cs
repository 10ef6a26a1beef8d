using CertFunctions.Core.Kubernetes.Events;
using CertFunctions.Core.Kubernetes.Gateways;

namespace CertFunctions.Core.Renewal.Scan;

/// <summary>Tells the owner of each opted-in Ingress or Gateway that cannot be (fully) served why, where they look: an Event on the object.</summary>
public sealed class InvalidConfigurationReport(IngressEventRecorder events, GatewayProblemReporter gatewayProblems)
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

        if (inventory.GatewayProblem is { } listing)
        {
            scan.AddProblem($"cluster {inventory.Cluster}: Gateways were not scanned: {listing}");
        }

        foreach (var gateway in inventory.Gateways)
        {
            foreach (var problem in gateway.Problems)
            {
                scan.AddProblem($"{gateway.Gateway}: {problem}");
            }

            // A listener's problem has its own reason; what fails the whole Gateway or one Secret is InvalidConfiguration.
            await gatewayProblems.ReportAsync(gateway.Certificates, cancellationToken).ConfigureAwait(false);
            var listenerMessages = gateway.Certificates.Problems.Select(p => p.Message).ToHashSet(StringComparer.Ordinal);
            foreach (var problem in gateway.Problems.Where(p => !listenerMessages.Contains(p)))
            {
                await events.RecordAsync(gateway.Gateway, IngressEventReasons.InvalidConfiguration, problem, IngressEventType.Warning, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
