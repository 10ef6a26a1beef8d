using CertFunctions.Core.Certificates;
using CertFunctions.Core.Kubernetes.Gateways;
using Microsoft.DurableTask;

namespace CertFunctions.Core.Orchestration.Activities;

/// <summary>
/// Reads a Gateway into the certificates its run issues (one per Secret) and records a Warning Event on the Gateway for
/// each listener that gets none. Safe to run twice: a repeated Event only bumps its count.
/// </summary>
public sealed class ReadGatewayActivity(GatewayCertificatesReader reader, GatewayProblemReporter problems) : IssuanceActivity<CertificateRef, GatewayIssuancePlan>
{
    /// <summary>The activity name.</summary>
    public const string Name = nameof(ReadGatewayActivity);

    /// <inheritdoc />
    protected override async Task<GatewayIssuancePlan> RunStepAsync(TaskActivityContext context, CertificateRef input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var gateway = await reader.ReadAsync(input.WholeObject, CancellationToken.None).ConfigureAwait(false);
        await problems.ReportAsync(gateway, CancellationToken.None).ConfigureAwait(false);
        return new GatewayIssuancePlan(
            [.. gateway.Certificates.Select(c => input.WholeObject.ForSecret(c.SecretNamespace, c.SecretName))],
            [.. gateway.Problems.Select(p => p.Message)]);
    }
}
