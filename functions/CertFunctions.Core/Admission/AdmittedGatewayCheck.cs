using CertFunctions.Core.Certificates;
using CertFunctions.Core.Discovery;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Gateways;
using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Core.Renewal;

namespace CertFunctions.Core.Admission;

/// <summary>
/// Decides whether an admitted Gateway needs its run now: stored at the admitted uid and generation, opted in, with valid
/// annotations, and at least one listener's Secret missing a certificate that covers its hostnames, expired or due, and not
/// backing off. Never calls the CA; the Gateway's run then issues as the API's run does.
/// </summary>
public sealed class AdmittedGatewayCheck(
    GatewayCertificatesReader gateways,
    DeployedCertificateReader certificates,
    CertificateStateStore states,
    TimeProvider time)
{
    /// <summary>Checks the Gateway <paramref name="gateway"/>; another uid or an older generation counts as not stored.</summary>
    public async Task<IssuanceNeedResult> CheckAsync(CertificateRef gateway, string uid, long generation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        GatewayCertificates read;
        try
        {
            read = await gateways.ReadAsync(gateway.WholeObject, cancellationToken).ConfigureAwait(false);
        }
        catch (GatewayNotFoundException)
        {
            return new IssuanceNeedResult(IssuanceNeed.NotStored, "the Gateway does not exist");
        }

        if (read.Uid != uid || read.Generation < generation)
        {
            return new IssuanceNeedResult(IssuanceNeed.NotStored, $"the Gateway is not stored at uid {uid}, generation {generation} yet", read.Uid, read.Generation);
        }

        if (!read.OptedIn)
        {
            return new IssuanceNeedResult(IssuanceNeed.Nothing, "the Gateway does not opt in", read.Uid, read.Generation);
        }

        try
        {
            GatewayAnnotationParser.Parse(read.Annotations, $"{gateway.Namespace}/{gateway.Name}");
        }
        catch (InvalidGatewayConfigurationException ex)
        {
            return new IssuanceNeedResult(IssuanceNeed.Nothing, ex.Message, read.Uid, read.Generation);
        }

        if (read.Certificates.Count == 0)
        {
            return new IssuanceNeedResult(IssuanceNeed.Nothing, "no HTTPS listener can get a certificate", read.Uid, read.Generation);
        }

        var now = time.GetUtcNow();
        var backingOff = new List<string>();
        foreach (var spec in read.Certificates)
        {
            var certificate = gateway.WholeObject.ForSecret(spec.SecretNamespace, spec.SecretName);
            var deployed = await certificates.ReadAsync(certificate, spec.SecretName, cancellationToken).ConfigureAwait(false);
            if (RenewalDecision.Due(spec.Hosts, deployed, now) is null)
            {
                continue;
            }

            var state = await states.ReadAsync(certificate, cancellationToken).ConfigureAwait(false);
            if (state?.NextAttemptAfter > now)
            {
                backingOff.Add($"{certificate.Secret} until {state.NextAttemptAfter:u}");
                continue;
            }

            var why = deployed is null ? $"Secret {certificate.Secret} holds no certificate" : $"the certificate in Secret {certificate.Secret} does not cover every name, has expired or is due";
            return new IssuanceNeedResult(IssuanceNeed.Issue, why, read.Uid, read.Generation, spec.SecretName);
        }

        return new IssuanceNeedResult(
            IssuanceNeed.Nothing,
            backingOff.Count == 0 ? "every listener's certificate covers its names" : "backing off after a failure: " + string.Join(", ", backingOff),
            read.Uid,
            read.Generation);
    }
}
