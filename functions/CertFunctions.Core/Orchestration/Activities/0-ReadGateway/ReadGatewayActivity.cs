using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Events;
using CertFunctions.Core.Kubernetes.Gateways;
using CertFunctions.Core.Kubernetes.Secrets;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>
/// Reads a Gateway into the certificates its run issues (one per Secret) and records a Warning Event on the Gateway for
/// each listener that gets none, and for each Secret another Ingress or Gateway owns (which gets no issuance). Safe to
/// run twice: a repeated Event only bumps its count.
/// </summary>
public sealed class ReadGatewayActivity(GatewayCertificatesReader reader, GatewayProblemReporter problems, SecretOwnerGuard owners, IngressEventRecorder events)
    : IssuanceActivity<CertificateRef, GatewayIssuancePlan>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(ReadGatewayActivity);

    /// <summary>The Event reason for a Secret another object owns.</summary>
    public const string SecretOwnedByOther = "SecretOwnedByOther";

    /// <inheritdoc />
    protected override async Task<GatewayIssuancePlan> RunStepAsync(TaskActivityContext context, CertificateRef input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var gateway = await reader.ReadAsync(input.WholeObject, CancellationToken.None).ConfigureAwait(false);
        await problems.ReportAsync(gateway, CancellationToken.None).ConfigureAwait(false);
        var certificates = new List<CertificateRef>();
        var skipped = new List<string>();
        foreach (var certificate in gateway.Certificates)
        {
            var reference = input.WholeObject.ForSecret(certificate.SecretNamespace, certificate.SecretName);
            if (await owners.OtherOwnerAsync(reference, certificate.SecretNamespace, certificate.SecretName, CancellationToken.None).ConfigureAwait(false) is { } owner)
            {
                var message = SecretOwnedByOtherException.MessageFor(certificate.SecretNamespace, certificate.SecretName, owner);
                await events.RecordAsync(input.WholeObject, SecretOwnedByOther, message, IngressEventType.Warning, CancellationToken.None).ConfigureAwait(false);
                skipped.Add(message);
                continue;
            }

            certificates.Add(reference);
        }

        return new GatewayIssuancePlan(certificates, [.. gateway.Problems.Select(p => p.Message), .. skipped]);
    }
}
