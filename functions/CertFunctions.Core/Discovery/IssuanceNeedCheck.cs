using CertFunctions.Core.Certificates;
using CertFunctions.Core.Http;
using CertFunctions.Core.Kubernetes.Access;
using CertFunctions.Core.Kubernetes.Discovery;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Routing;
using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Core.Kubernetes.Tls;
using CertFunctions.Core.Renewal;
using k8s;
using Microsoft.Extensions.Options;

namespace CertFunctions.Core.Discovery;

/// <summary>
/// Decides whether one Ingress needs an issuance now, from the Ingress, its Secret and its back-off state: the API's
/// admission rules (<see cref="IssuanceAdmission"/>), then the renewal decision, then its spec.tls entry. Never calls the CA.
/// </summary>
public sealed class IssuanceNeedCheck(
    IKubernetesClientProvider clients,
    IssuanceAdmission admission,
    DeployedCertificateReader certificates,
    CertificateStateStore states,
    IOptions<ChallengeRoutingOptions> routing,
    IOptions<Challenges.ResponderOptions> responder,
    Issuers.AcmeIssuerCatalog issuers,
    IssuanceDecision decision,
    Kubernetes.Gateways.GatewayCertificatesReader gateways,
    IOptions<Kubernetes.Routing.HttpRoutes.GatewayRoutingOptions> gatewayRouting,
    TimeProvider time)
{
    /// <summary>Checks <paramref name="certificate"/>; with <paramref name="uid"/>, an object of another uid or an older generation counts as not stored.</summary>
    public async Task<IssuanceNeedResult> CheckAsync(CertificateRef certificate, string? uid, long generation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (certificate.IsGateway)
        {
            return await CheckGatewayAsync(certificate.WholeObject, uid, generation, cancellationToken).ConfigureAwait(false);
        }

        var client = clients.GetClient(certificate.Cluster);
        var ingress = await KubernetesCall.RunOrNullAsync(
            () => client.NetworkingV1.ReadNamespacedIngressAsync(certificate.Ingress, certificate.Namespace, cancellationToken: cancellationToken),
            $"read Ingress {certificate.Namespace}/{certificate.Ingress}",
            cancellationToken).ConfigureAwait(false);
        if (ingress is null)
        {
            return new IssuanceNeedResult(IssuanceNeed.NotStored, "the Ingress does not exist");
        }

        var readUid = ingress.Metadata.Uid;
        var readGeneration = ingress.Metadata.Generation ?? 0;
        if (uid is not null && (readUid != uid || readGeneration < generation))
        {
            return new IssuanceNeedResult(IssuanceNeed.NotStored, $"the Ingress is not stored at uid {uid}, generation {generation} yet", readUid, readGeneration);
        }

        if (await admission.CheckAsync(certificate, cancellationToken).ConfigureAwait(false) is { } problem)
        {
            return new IssuanceNeedResult(IssuanceNeed.Nothing, problem.Detail, readUid, readGeneration);
        }

        IngressCertificateSpec spec;
        try
        {
            spec = IngressCertificateSpecBuilder.Build(certificate, ingress, routing.Value, responder.Value.RequireKnownHost, issuers);
        }
        catch (Exception ex) when (ex is InvalidIngressConfigurationException or Issuers.UnknownIssuerException or Issuers.IssuerNotAllowedException)
        {
            return new IssuanceNeedResult(IssuanceNeed.Nothing, ex.Message, readUid, readGeneration);
        }

        var now = time.GetUtcNow();
        var deployed = await certificates.ReadAsync(certificate, spec.SecretName, cancellationToken).ConfigureAwait(false);
        // The CA-free part of the one decision the renewal scan also makes (the scan adds the CA's renewal window).
        var due = decision.Decide(spec, deployed, now);
        var issuerChanged = due == Orchestration.IssuanceReason.IssuerChanged;
        var attached = !TlsEntryPlanner.Plan(ingress, spec.Hosts, spec.SecretName, new Kubernetes.Patching.JsonPatch());
        if (due is null && attached)
        {
            return new IssuanceNeedResult(IssuanceNeed.Nothing, "its certificate covers every name and is attached", readUid, readGeneration, spec.SecretName);
        }

        var state = await states.ReadAsync(certificate, cancellationToken).ConfigureAwait(false);
        if (state?.NextAttemptAfter > now)
        {
            return new IssuanceNeedResult(IssuanceNeed.Nothing, $"backing off after a failure until {state.NextAttemptAfter:u}", readUid, readGeneration, spec.SecretName);
        }

        var why = issuerChanged ? $"its certificate is not from issuer {spec.Issuer}, which the Ingress asks for"
            : due is null ? $"spec.tls does not attach Secret {spec.SecretName} for every name"
            : deployed is null ? $"Secret {spec.SecretName} holds no certificate"
            : "its certificate does not cover every name, has expired or is due";
        return new IssuanceNeedResult(IssuanceNeed.Issue, why, readUid, readGeneration, spec.SecretName);
    }

    /// <summary>
    /// A Gateway needs a run when any Secret its listeners name needs a certificate by the one decision and is not backing
    /// off; the run issues those Secrets only (<see cref="IssuanceNeedResult.Due"/>). Its listener problems are the renewal
    /// scan's to report (Events), not discovery's.
    /// </summary>
    private async Task<IssuanceNeedResult> CheckGatewayAsync(CertificateRef gateway, string? uid, long generation, CancellationToken cancellationToken)
    {
        Kubernetes.Gateways.GatewayCertificates read;
        try
        {
            read = await gateways.ReadAsync(gateway, cancellationToken).ConfigureAwait(false);
        }
        catch (GatewayNotFoundException)
        {
            return new IssuanceNeedResult(IssuanceNeed.NotStored, "the Gateway does not exist");
        }

        if (uid is not null && (read.Uid != uid || read.Generation < generation))
        {
            return new IssuanceNeedResult(IssuanceNeed.NotStored, $"the Gateway is not stored at uid {uid}, generation {generation} yet", read.Uid, read.Generation);
        }

        if (!read.OptedIn)
        {
            return new IssuanceNeedResult(IssuanceNeed.Nothing, "the Gateway does not opt in", read.Uid, read.Generation);
        }

        var scanned = Renewal.Scan.ScannedGateway.From(read, gatewayRouting.Value.GatewayRouting, responder.Value.RequireKnownHost);
        var secrets = scanned.Specs.Select(s => s.Certificate.Secret!).ToList();
        var now = time.GetUtcNow();
        var backingOff = new List<string>();
        var due = new List<Orchestration.DueSecret>();
        foreach (var spec in scanned.Specs)
        {
            var deployed = await certificates.ReadAsync(spec.Certificate, spec.SecretName, cancellationToken).ConfigureAwait(false);
            if (decision.Decide(spec, deployed, now) is not { } reason)
            {
                continue;
            }

            var state = await states.ReadAsync(spec.Certificate, cancellationToken).ConfigureAwait(false);
            if (state?.NextAttemptAfter > now)
            {
                backingOff.Add($"Secret {spec.Certificate.Secret} is backing off after a failure until {state.NextAttemptAfter:u}");
                continue;
            }

            due.Add(new Orchestration.DueSecret(spec.Certificate.Secret!, reason));
        }

        if (due.Count > 0)
        {
            var needed = string.Join(", ", due.Select(d => $"Secret {d.Secret} ({d.Reason})"));
            return new IssuanceNeedResult(IssuanceNeed.Issue, $"certificates are needed in {needed}", read.Uid, read.Generation, Secrets: secrets, Due: due);
        }

        var detail = backingOff.Count > 0 ? string.Join("; ", backingOff)
            : scanned.Specs.Count == 0 ? string.Join(" ", scanned.Problems)
            : "every certificate of the Gateway covers its listeners' names";
        return new IssuanceNeedResult(IssuanceNeed.Nothing, detail, read.Uid, read.Generation, Secrets: secrets);
    }
}
