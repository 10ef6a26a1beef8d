using CertFunctions.Core.Kubernetes.Events;

namespace CertFunctions.Core.Kubernetes.Gateways;

/// <summary>Records a Warning Event on the Gateway for each listener that gets no certificate, so none is skipped silently.</summary>
public sealed class GatewayProblemReporter(IngressEventRecorder events)
{
    /// <summary>Records <paramref name="certificates"/>' listener problems; returns how many were recorded.</summary>
    public async Task<int> ReportAsync(GatewayCertificates certificates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        var recorded = 0;
        foreach (var problem in certificates.Problems)
        {
            if (await events.RecordAsync(certificates.Gateway, problem.Reason, problem.Message, IngressEventType.Warning, cancellationToken).ConfigureAwait(false))
            {
                recorded++;
            }
        }

        return recorded;
    }
}
