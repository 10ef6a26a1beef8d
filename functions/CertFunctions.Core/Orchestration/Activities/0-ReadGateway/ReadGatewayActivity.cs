using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Errors;
using CertFunctions.Core.Kubernetes.Events;
using CertFunctions.Core.Kubernetes.Gateways;
using CertFunctions.Core.Kubernetes.Secrets;
using CertFunctions.Core.Renewal;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>
/// Reads a Gateway into the certificates its run issues (one per Secret) and records a Warning Event on the Gateway for
/// each listener that gets none, and for each Secret another Ingress or Gateway owns (which gets no issuance). A Gateway
/// found deleted has its certificates' stored states dropped before the run fails, so the list no longer reports them
/// as current (their Secrets are left as they are). Safe to run twice: a repeated Event only bumps its count, and a
/// dropped state stays dropped.
/// </summary>
public sealed class ReadGatewayActivity(
    GatewayCertificatesReader reader,
    GatewayProblemReporter problems,
    SecretOwnerGuard owners,
    IngressEventRecorder events,
    CertificateStateStore states) : IssuanceActivity<CertificateRef, GatewayIssuancePlan>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(ReadGatewayActivity);

    /// <summary>The Event reason for a Secret another object owns.</summary>
    public const string SecretOwnedByOther = "SecretOwnedByOther";

    /// <inheritdoc />
    protected override async Task<GatewayIssuancePlan> RunStepAsync(TaskActivityContext context, CertificateRef input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GatewayCertificates gateway;
        try
        {
            gateway = await reader.ReadAsync(input.WholeObject, CancellationToken.None).ConfigureAwait(false);
        }
        catch (GatewayNotFoundException)
        {
            await ForgetAsync(input.WholeObject).ConfigureAwait(false);
            throw;
        }

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

    // The renewal scan retires states of objects it no longer lists; a run that finds its Gateway gone does it at once.
    private async Task ForgetAsync(CertificateRef gateway)
    {
        foreach (var state in await states.ListAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (state.Certificate.IsGateway && state.Certificate.WholeObject == gateway)
            {
                await states.DeleteAsync(state.Certificate, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
