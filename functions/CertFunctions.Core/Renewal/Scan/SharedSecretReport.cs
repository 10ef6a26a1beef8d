using CertFunctions.Core.Kubernetes.Annotations;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Events;
using CertFunctions.Core.Kubernetes.Secrets;
using Microsoft.Extensions.Logging;

namespace CertFunctions.Core.Renewal.Scan;

/// <summary>Tells an Ingress that uses another opted-in Ingress's Secret when that certificate lacks some of its hosts.</summary>
public sealed partial class SharedSecretReport(IngressEventRecorder events, ILogger<SharedSecretReport> logger)
{
    /// <summary>Records a <c>SecretInUse</c> Warning when <paramref name="deployed"/> does not cover every host of <paramref name="spec"/>.</summary>
    public async Task ReportAsync(IngressCertificateSpec spec, DeployedCertificate deployed, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(deployed);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Certificate}: Secret {SecretName} is managed for Ingress {Owner} and lacks this Ingress's hosts; not issuing into it")]
    private static partial void LogSharedSecret(ILogger logger, Certificates.CertificateRef certificate, string secretName, string owner);
}
